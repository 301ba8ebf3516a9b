"""An independent peer for the `csms` and `charge-point` examples: Python's
`ocpp` package (on `websockets`), as a charge point or as a CSMS, in 1.6 or
2.0.1. `run.sh` runs it against the examples.

    python peer.py charge-point v16|v201 ws://127.0.0.1:<port>/<id>
    python peer.py csms v16|v201 <port>

The charge point runs a boot, a heartbeat, status notifications, an
authorization and a transaction, answers the CSMS's GetConfiguration or
GetVariables, and exits 0 only when every answer came as expected. The
CSMS answers those and asks for the heartbeat interval after a boot; it
prints `ready` once it listens, and `asked: ...` with the answer."""

import asyncio
import logging
import sys
from datetime import datetime, timezone

from ocpp.routing import after, on
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

logging.basicConfig(level=logging.ERROR)


def now():
    return datetime.now(timezone.utc).isoformat()


def check(condition, what):
    if not condition:
        raise SystemExit(f"unexpected: {what}")


# --- OCPP 1.6 ---------------------------------------------------------------

from ocpp.v16 import ChargePoint as Cp16, call as call16, call_result as result16
from ocpp.v16.enums import Action as Action16


class ChargePoint16(Cp16):
    asked = 0

    @on(Action16.get_configuration)
    async def on_get_configuration(self, key=None, **kwargs):
        self.asked += 1
        return result16.GetConfiguration(
            configuration_key=[{"key": "HeartbeatInterval", "readonly": False, "value": "300"}]
        )

    async def session(self):
        boot = await self.call(call16.BootNotification(charge_point_model="PyCP", charge_point_vendor="python-ocpp"))
        check(boot.status == "Accepted", boot)
        await self.call(call16.Heartbeat())
        await self.call(call16.StatusNotification(connector_id=1, error_code="NoError", status="Available"))
        authorized = await self.call(call16.Authorize(id_tag="04A2B3C4"))
        check(authorized.id_tag_info["status"] == "Accepted", authorized)
        started = await self.call(
            call16.StartTransaction(connector_id=1, id_tag="04A2B3C4", meter_start=0, timestamp=now())
        )
        tx = started.transaction_id
        value = [{"timestamp": now(), "sampled_value": [{"value": "1520", "unit": "Wh"}]}]
        await self.call(call16.MeterValues(connector_id=1, transaction_id=tx, meter_value=value))
        await self.call(call16.StopTransaction(meter_stop=3040, timestamp=now(), transaction_id=tx))
        check(self.asked > 0, "the CSMS asked nothing")


class Csms16(Cp16):
    @on(Action16.boot_notification)
    async def on_boot(self, **kwargs):
        return result16.BootNotification(current_time=now(), interval=300, status="Accepted")

    @after(Action16.boot_notification)
    async def after_boot(self, **kwargs):
        async def ask():
            answer = await self.call(call16.GetConfiguration(key=["HeartbeatInterval"]))
            print(f"asked: {answer}", flush=True)

        asyncio.create_task(ask())

    @on(Action16.heartbeat)
    async def on_heartbeat(self, **kwargs):
        return result16.Heartbeat(current_time=now())

    @on(Action16.status_notification)
    async def on_status(self, **kwargs):
        return result16.StatusNotification()

    @on(Action16.authorize)
    async def on_authorize(self, **kwargs):
        return result16.Authorize(id_tag_info={"status": "Accepted"})

    @on(Action16.start_transaction)
    async def on_start(self, **kwargs):
        return result16.StartTransaction(transaction_id=17, id_tag_info={"status": "Accepted"})

    @on(Action16.meter_values)
    async def on_meter_values(self, **kwargs):
        return result16.MeterValues()

    @on(Action16.stop_transaction)
    async def on_stop(self, **kwargs):
        return result16.StopTransaction()


# --- OCPP 2.0.1 -------------------------------------------------------------

from ocpp.v201 import ChargePoint as Cp201, call as call201, call_result as result201
from ocpp.v201.enums import Action as Action201


class ChargePoint201(Cp201):
    asked = 0

    @on(Action201.get_variables)
    async def on_get_variables(self, get_variable_data, **kwargs):
        self.asked += 1
        results = [
            {
                "attribute_status": "Accepted",
                "attribute_value": "300",
                "component": data["component"],
                "variable": data["variable"],
            }
            for data in get_variable_data
        ]
        return result201.GetVariables(get_variable_result=results)

    async def session(self):
        station = {"model": "PyCP", "vendor_name": "python-ocpp"}
        boot = await self.call(call201.BootNotification(charging_station=station, reason="PowerUp"))
        check(boot.status == "Accepted", boot)
        await self.call(call201.Heartbeat())
        await self.call(
            call201.StatusNotification(timestamp=now(), connector_status="Available", evse_id=1, connector_id=1)
        )
        token = {"id_token": "04A2B3C4", "type": "ISO14443"}
        authorized = await self.call(call201.Authorize(id_token=token))
        check(authorized.id_token_info["status"] == "Accepted", authorized)
        for seq_no, (kind, trigger) in enumerate(
            [("Started", "Authorized"), ("Updated", "MeterValuePeriodic"), ("Ended", "StopAuthorized")]
        ):
            value = [{"timestamp": now(), "sampled_value": [{"value": 1520.5 * seq_no}]}]
            await self.call(
                call201.TransactionEvent(
                    event_type=kind,
                    timestamp=now(),
                    trigger_reason=trigger,
                    seq_no=seq_no,
                    transaction_info={"transaction_id": "TX-1"},
                    meter_value=value,
                )
            )
        check(self.asked > 0, "the CSMS asked nothing")


class Csms201(Cp201):
    @on(Action201.boot_notification)
    async def on_boot(self, **kwargs):
        return result201.BootNotification(current_time=now(), interval=300, status="Accepted")

    @after(Action201.boot_notification)
    async def after_boot(self, **kwargs):
        async def ask():
            data = [{"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}}]
            answer = await self.call(call201.GetVariables(get_variable_data=data))
            print(f"asked: {answer}", flush=True)

        asyncio.create_task(ask())

    @on(Action201.heartbeat)
    async def on_heartbeat(self, **kwargs):
        return result201.Heartbeat(current_time=now())

    @on(Action201.status_notification)
    async def on_status(self, **kwargs):
        return result201.StatusNotification()

    @on(Action201.authorize)
    async def on_authorize(self, **kwargs):
        return result201.Authorize(id_token_info={"status": "Accepted"})

    @on(Action201.transaction_event)
    async def on_transaction(self, **kwargs):
        return result201.TransactionEvent()

    @on(Action201.meter_values)
    async def on_meter_values(self, **kwargs):
        return result201.MeterValues()


SUBPROTOCOLS = {"v16": "ocpp1.6", "v201": "ocpp2.0.1"}
CHARGE_POINTS = {"v16": ChargePoint16, "v201": ChargePoint201}
CSMSS = {"v16": Csms16, "v201": Csms201}


async def charge_point(version, url):
    async with connect(url, subprotocols=[SUBPROTOCOLS[version]]) as websocket:
        cp = CHARGE_POINTS[version](url.rsplit("/", 1)[1], websocket)
        listening = asyncio.create_task(cp.start())
        await asyncio.wait_for(cp.session(), 30)
        listening.cancel()
    print("done: every answer came", flush=True)


async def csms(version, port):
    async def connected(websocket):
        cp = CSMSS[version](websocket.request.path.strip("/"), websocket)
        try:
            await cp.start()
        except Exception:
            pass

    async with serve(connected, "127.0.0.1", port, subprotocols=[SUBPROTOCOLS[version]]) as server:
        print("ready", flush=True)
        await server.serve_forever()


if __name__ == "__main__":
    role, version, where = sys.argv[1:4]
    if role == "charge-point":
        asyncio.run(charge_point(version, where))
    else:
        asyncio.run(csms(version, int(where)))
