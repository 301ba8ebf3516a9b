"""The load benchmark's peer: the same 2.0.1 CSMS as `load serve`, written
with Python's `ocpp` package on `websockets`, the most used OCPP library a
user would pick instead. It validates messages against their schemas, as
ours does. Usage: python load_csms.py <port>"""

import asyncio
import logging
import sys
from datetime import datetime, timezone

from ocpp.routing import on
from ocpp.v201 import ChargePoint, call_result
from ocpp.v201.enums import Action, RegistrationStatusEnumType
from websockets.asyncio.server import serve

logging.getLogger("ocpp").setLevel(logging.ERROR)


def now():
    return datetime.now(timezone.utc).isoformat()


class Station(ChargePoint):
    @on(Action.boot_notification)
    async def on_boot(self, charging_station, reason, **kwargs):
        return call_result.BootNotification(
            current_time=now(), interval=300, status=RegistrationStatusEnumType.accepted
        )

    @on(Action.heartbeat)
    async def on_heartbeat(self, **kwargs):
        return call_result.Heartbeat(current_time=now())

    @on(Action.status_notification)
    async def on_status(self, **kwargs):
        return call_result.StatusNotification()

    @on(Action.transaction_event)
    async def on_transaction(self, **kwargs):
        return call_result.TransactionEvent()


async def connected(websocket):
    station = Station(websocket.request.path.strip("/"), websocket)
    try:
        await station.start()
    except Exception:
        pass


async def main(port):
    async with serve(
        connected, "127.0.0.1", port, subprotocols=["ocpp2.0.1"], ping_interval=None, backlog=1024
    ) as server:
        print("ready", flush=True)
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
