//! `ocpp-json`: lists the OCPP types, prints their JSON Schema, checks JSON
//! documents against them, and reads logs of OCPP-J sessions.
//!
//! ```text
//! cargo run --example ocpp-json -- list
//! cargo run --example ocpp-json -- schema KeyValue
//! cargo run --example ocpp-json -- check KeyValue examples/data/KeyValue/*.json
//! cargo run --example ocpp-json -- check GetConfigurationResponse < examples/data/GetConfigurationResponse.jsonl
//! cargo run --example ocpp-json -- frames v16 < tests/data/session-v16.jsonl
//! ```

use std::ffi::OsString;
use std::fmt::Display;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use ocpp_types::rpc::{Endpoint, ErrorCode, Messages, Version};
use ocpp_types::{Escaped, Policy, TypeInfo, MODULES};

const HELP: &str = "\
ocpp-json: the OCPP types, their JSON Schema, and checkers for their documents
and for logs of OCPP-J sessions

Usage:
  ocpp-json list                   Lists the types, with their descriptions
  ocpp-json schema [TYPE]          Prints the JSON Schema of all types, or of TYPE
  ocpp-json check [--lenient] TYPE [FILE...]
                                   Checks JSON documents as TYPE
  ocpp-json frames [--lenient] VERSION
                                   Reads a log of an OCPP-J session from stdin,
                                   one frame a line, as VERSION: v16, v201 or v21

A TYPE of the EVerest page is its name (`KeyValue`); one of a module is
`<module>/<name>`, with module v16, v201, v21 or everest
(`v16/BootNotificationRequest`, `v201/TransactionEventRequest`).

Run `ocpp-json COMMAND --help` for more on a command.
";

const LIST_HELP: &str = "\
Usage: ocpp-json list

Lists the types, one a line, with the first line of their descriptions:
the EVerest page's by name, then those of each module as `<module>/<name>`.
";

const SCHEMA_HELP: &str = "\
Usage: ocpp-json schema [TYPE]

Prints, as pretty JSON, the JSON Schema (draft 2020-12) of the whole document,
with every type under `$defs`, or, given a TYPE, that type's own schema.
";

const CHECK_HELP: &str = "\
Usage: ocpp-json check [--lenient] TYPE [FILE...]

Checks JSON documents as TYPE, in order, and prints one line for each: `ok`,
or `error: <message>` (the message says where: field path, line and column).

With --lenient, a document that breaks the schema only in ways a lenient
reading tolerates (unknown properties, limits, formats, an enum value in
another case, null for an optional field, a scalar in another exact form)
is `ok, N deviations: <the first>`; what no value can be built from is still
an error.

Each FILE holds one JSON document. With no FILE, or for a FILE `-`, reads JSON
Lines from stdin: one document a line; blank lines are skipped. A FILE that
can't be read, or a document that is not UTF-8, gets an `error:` line too.

Exit status: 0 if every document is valid, 1 if any is not (or a FILE can't be
read), 2 for a usage error.
";

const FRAMES_HELP: &str = "\
Usage: ocpp-json frames [--lenient] VERSION

Reads a log of an OCPP-J session from stdin: JSON Lines, one frame a line,
the frames of both sides in the order they were sent, as frames of VERSION:
v16 (OCPP 1.6), v201 (OCPP 2.0.1) or v21 (OCPP 2.1). Prints one line for each
frame, in order:

  ok <TYPE> <ACTION>       a valid frame: its message type (CALL, CALLRESULT,
                           CALLERROR; in 2.1 also CALLRESULTERROR and SEND)
                           and its action. The action of a CALLRESULT or a
                           CALLERROR is that of the CALL with its message id
                           earlier in the log; it is `-` when there is none
                           (and for a CALLRESULTERROR)
  error <CODE>: <MESSAGE>  a broken frame: the error code its receiver answers
                           with, as VERSION spells it (1.6 writes
                           `FormationViolation`), and what is wrong and where

With --lenient, payloads are read as `check --lenient` reads documents: a
frame whose payload breaks the schema only in ways a lenient reading
tolerates is `ok <TYPE> <ACTION>, N deviations: <the first>`. The frame
itself is always read strictly.

Every line is a frame, an empty or blank one too (it is not JSON), so that
line N of the output is about line N of the input. A line may end in `\\r\\n`;
the last one needs no line end. A line that is not UTF-8 is not JSON text:
its code is that of a broken frame, `ProtocolError` in 1.6 and
`RpcFrameworkError` in 2.x.

A CALL is remembered until a CALLRESULT or CALLERROR with its message id
answers it (the 16 latest unanswered calls at most). A log doesn't say which
side sent a frame, so calls are matched by message id alone. A broken CALL
is remembered too once its id and action are read, so that its CALLERROR
names its action.

Exit status: 0 if every frame is valid, 1 if any is not, 2 for a usage error
or when stdin can't be read.
";

/// Checks `text` as one document of `ty`, with `policy`: the `ok` line, or
/// the message of the error. A lenient `ok` counts the deviations tolerated
/// and shows the first: `ok, 2 deviations: <message>`.
fn check(ty: &TypeInfo, text: &str, policy: Policy) -> Result<String, String> {
    let read = ty
        .check_json_with(text, policy)
        .map_err(|error| error.to_string())?;
    Ok(match (read.total(), read.deviations.first()) {
        (_, None) => "ok".to_owned(),
        (1, Some(only)) => format!("ok, 1 deviation: {only}"),
        (count, Some(first)) => format!("ok, {count} deviations: {first}"),
    })
}

/// Why the program stops early, with exit status 2: a usage error, or
/// failing to read stdin or write stdout.
enum Failure {
    Usage(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

fn usage(message: impl Display) -> Failure {
    Failure::Usage(message.to_string())
}

fn main() -> ExitCode {
    let result = arguments().and_then(|args| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&args)
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure::Usage(message)) => {
            eprintln!("ocpp-json: {message}\nRun `ocpp-json --help` for usage.");
            ExitCode::from(2)
        }
        // The reader went away (`ocpp-json check … | head`): stop quietly.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(2),
        Err(Failure::Io(error)) => {
            eprintln!("ocpp-json: {error}");
            ExitCode::from(2)
        }
    }
}

/// The command line, without the program's name. An argument that is not
/// UTF-8 is a usage error (`std::env::args` would panic on it).
fn arguments() -> Result<Vec<String>, Failure> {
    std::env::args_os()
        .skip(1)
        .map(|arg| {
            arg.into_string().map_err(|arg: OsString| {
                usage(format_args!(
                    "argument `{}` is not UTF-8",
                    escaped(&arg.to_string_lossy(), MAX_PATH_CHARS)
                ))
            })
        })
        .collect()
}

/// How many characters of a word of the command line (a command, an option,
/// a type name) a message shows at most.
const MAX_WORD_CHARS: usize = 64;

/// How many characters of a file name a message shows at most.
const MAX_PATH_CHARS: usize = 256;

/// `text`, a word of the command line (or a message of the library, made
/// sure of), as a message shows it: escaped as the library escapes the
/// strings of a document in its messages ([`Escaped`]), so that a message
/// stays one line that a terminal or a log shows as it is, and cut after
/// `max` characters (`aaaa… (1048512 more characters)`), so that it stays
/// short.
fn escaped(text: &str, max: usize) -> String {
    Escaped::plain(text).cut_at(max).to_string()
}

/// A word of the command line in backticks, as messages name it.
fn word(text: &str) -> String {
    format!("`{}`", escaped(text, MAX_WORD_CHARS))
}

/// Runs the command in `args`; `Ok(false)` when a document was invalid.
fn run(args: &[&str]) -> Result<bool, Failure> {
    let Some((&command, args)) = args.split_first() else {
        return Err(usage("missing command"));
    };
    let help = args.iter().any(|&arg| arg == "-h" || arg == "--help");
    // `check --lenient`, `frames --lenient`: every tolerable deviation
    // tolerated and reported.
    let lenient = matches!(command, "check" | "frames") && args.first() == Some(&"--lenient");
    let args = if lenient { &args[1..] } else { args };
    let policy = if lenient {
        Policy::TOLERANT
    } else {
        Policy::STRICT
    };
    if let Some(option) = args
        .iter()
        .find(|arg| arg.starts_with('-') && arg.len() > 1)
    {
        if !help {
            return Err(usage(format_args!("unknown option {}", word(option))));
        }
    }
    match command {
        "-h" | "--help" | "help" => print(HELP),
        "list" if help => print(LIST_HELP),
        "schema" if help => print(SCHEMA_HELP),
        "check" if help => print(CHECK_HELP),
        "frames" if help => print(FRAMES_HELP),
        "list" => list(args),
        "schema" => schema(args),
        "check" => match args.split_first() {
            Some((&name, inputs)) => check_documents(find(name)?, inputs, policy),
            None => Err(usage("check needs a TYPE")),
        },
        "frames" => match args {
            [version] => frames(version, policy),
            [] => Err(usage("frames needs a VERSION: v16, v201 or v21")),
            [_, extra, ..] => Err(usage(format_args!(
                "frames takes one VERSION and reads stdin, got {} too",
                word(extra)
            ))),
        },
        _ => Err(usage(format_args!("unknown command {}", word(command)))),
    }
}

fn find(name: &str) -> Result<&'static TypeInfo, Failure> {
    ocpp_types::find_type(name).ok_or_else(|| {
        // The closest known name, when one is close: most often a type
        // named without its module, or in another case. (Not for a name
        // longer than any type's: the distance would cost its length times
        // every name's.)
        let hint = (name.chars().count() <= 64)
            .then(names)
            .into_iter()
            .flatten()
            .map(|known| (distance(&name.to_lowercase(), &known.to_lowercase()), known))
            .filter(|(distance, known)| *distance <= 2 + known.len() / 4)
            .min()
            .map(|(_, known)| format!("did you mean `{known}`? "))
            .unwrap_or_default();
        usage(format_args!(
            "unknown type {}; {hint}`ocpp-json list` shows every type",
            word(name)
        ))
    })
}

/// Every type's name: the crate root's as they are, the others as
/// `<module>/<name>`.
fn names() -> impl Iterator<Item = String> {
    MODULES.iter().flat_map(|(module, types)| {
        types.iter().map(move |ty| match module {
            &"" => ty.name().to_owned(),
            module => format!("{module}/{}", ty.name()),
        })
    })
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn print(text: impl Display) -> Result<bool, Failure> {
    write!(io::stdout().lock(), "{text}")?;
    Ok(true)
}

fn list(args: &[&str]) -> Result<bool, Failure> {
    if let Some(arg) = args.first() {
        return Err(usage(format_args!(
            "list takes no arguments, got {}",
            word(arg)
        )));
    }
    let types = MODULES.iter().flat_map(|(_, types)| types.iter());
    let width = names().map(|name| name.len()).max().unwrap_or(0);
    let mut out = BufWriter::new(io::stdout().lock());
    for (name, ty) in names().zip(types) {
        // A description's first line: one line a type.
        let description = ty.description().lines().next().unwrap_or("");
        writeln!(out, "{name:width$}  {description}")?;
    }
    out.flush()?;
    Ok(true)
}

fn schema(args: &[&str]) -> Result<bool, Failure> {
    let schema = match args {
        [] => ocpp_types::schema(),
        [name] => find(name)?.json_schema(),
        [_, extra, ..] => {
            return Err(usage(format_args!(
                "schema takes one TYPE, got {} too",
                word(extra)
            )))
        }
    };
    let text = serde_json::to_string_pretty(&schema).expect("a JSON value always serializes");
    print(format_args!("{text}\n"))
}

/// Checks every input (a file, or `-` for JSON Lines on stdin) as `ty`.
fn check_documents(ty: &TypeInfo, inputs: &[&str], policy: Policy) -> Result<bool, Failure> {
    let mut verdicts = Verdicts {
        out: BufWriter::new(io::stdout().lock()),
        all_valid: true,
    };
    for &input in if inputs.is_empty() { &["-"] } else { inputs } {
        if input == "-" {
            check_lines(ty, policy, io::stdin().lock(), &mut verdicts)?;
        } else {
            let verdict = match std::fs::read(input) {
                Ok(bytes) => utf8(&bytes).and_then(|text| check(ty, text, policy)),
                Err(error) => Err(format!(
                    "cannot read {}: {error}",
                    escaped(input, MAX_PATH_CHARS)
                )),
            };
            verdicts.write(verdict)?;
        }
    }
    verdicts.out.flush()?;
    Ok(verdicts.all_valid)
}

/// Checks each non-blank line of `input` as one document, reusing one buffer.
fn check_lines(
    ty: &TypeInfo,
    policy: Policy,
    mut input: impl BufRead,
    verdicts: &mut Verdicts<impl Write>,
) -> io::Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        verdicts.write(utf8(&line).and_then(|text| check(ty, text, policy)))?;
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|error| format!("not UTF-8: {error}"))
}

/// The `ok` / `error: …` lines, and whether they were all `ok`.
struct Verdicts<W> {
    out: W,
    all_valid: bool,
}

impl<W: Write> Verdicts<W> {
    fn write(&mut self, verdict: Result<String, String>) -> io::Result<()> {
        match verdict {
            Ok(ok) => writeln!(self.out, "{ok}"),
            Err(message) => {
                self.all_valid = false;
                writeln!(self.out, "error: {message}")
            }
        }
    }
}

/// How many characters of the message of a broken frame a line shows at
/// most. The library's messages are bounded already (every string of the
/// input in them is cut to 64 characters, at most 640 once escaped), and
/// never this long: this only bounds the line whatever the library writes.
const MAX_MESSAGE_CHARS: usize = 1024;

/// Reads the frames on stdin as frames of `version`, one a line.
fn frames(version: &str, policy: Policy) -> Result<bool, Failure> {
    let input = io::stdin().lock();
    let out = BufWriter::new(io::stdout().lock());
    match version {
        "v16" => read_frames::<ocpp_types::v16::Request>(input, out, policy),
        "v201" => read_frames::<ocpp_types::v201::Request>(input, out, policy),
        "v21" => read_frames::<ocpp_types::v21::Request>(input, out, policy),
        _ => Err(usage(format_args!(
            "unknown version {}; VERSION is v16, v201 or v21",
            word(version)
        ))),
    }
}

/// Reads each line of `input` as a frame of `M`'s version, with one
/// observer of both sides, and writes its `ok …` / `error …` line to `out`;
/// whether every frame was valid.
fn read_frames<M: Messages>(
    mut input: impl BufRead,
    mut out: impl Write,
    policy: Policy,
) -> Result<bool, Failure> {
    let mut observer = Endpoint::<M>::observer().with_policy(policy);
    let mut all_valid = true;
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let frame = line.strip_suffix(b"\n").unwrap_or(&line);
        let frame = frame.strip_suffix(b"\r").unwrap_or(frame);
        match read_frame(&mut observer, frame) {
            Ok(ok) => writeln!(out, "ok {ok}")?,
            Err(error) => {
                all_valid = false;
                writeln!(out, "error {error}")?;
            }
        }
    }
    out.flush()?;
    Ok(all_valid)
}

/// Reads `bytes` as one frame: `<TYPE> <ACTION>` for a valid one, or
/// `<CODE>: <MESSAGE>` for a broken one.
fn read_frame<M: Messages>(observer: &mut Endpoint<M>, bytes: &[u8]) -> Result<String, String> {
    let version = M::VERSION;
    let text = std::str::from_utf8(bytes).map_err(|error| {
        // JSON text is UTF-8: what is not is no frame at all.
        let code = match version {
            Version::V16 => ErrorCode::ProtocolError,
            _ => ErrorCode::RpcFrameworkError,
        };
        format!("{}: frame: not UTF-8: {error}", spelled(code, version))
    })?;
    match observer.read(text) {
        Ok(frame) => {
            let ok = format!("{} {}", frame.message_type(), frame.action().unwrap_or("-"));
            let deviations = observer.deviations();
            let count = deviations.len() + observer.omitted_deviations();
            let first = deviations
                .first()
                .map(|first| escaped(&first.to_string(), MAX_MESSAGE_CHARS));
            Ok(match (count, first) {
                (1, Some(only)) => format!("{ok}, 1 deviation: {only}"),
                (count, Some(first)) => format!("{ok}, {count} deviations: {first}"),
                (_, None) => ok,
            })
        }
        Err(error) => Err(format!(
            "{}: {}",
            spelled(error.code(), version),
            // Escaped already: this only makes sure of it, and bounds it.
            escaped(error.message(), MAX_MESSAGE_CHARS)
        )),
    }
}

/// `code` as `version` spells it (the 2.x spelling for a code the version
/// doesn't have, which the library never gives).
fn spelled(code: ErrorCode, version: Version) -> String {
    code.as_str(version)
        .map_or_else(|| code.to_string(), str::to_owned)
}
