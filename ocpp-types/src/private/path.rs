//! Where a value sits in a document, as a chain of borrowed links on the stack.

use super::Escaped;
use crate::Segment;
use std::fmt;

/// The place of a value in a document: the root type, then fields, array
/// indices and map keys. Displays as `Root.field[0]["key"]`.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The document itself, named by its type.
    Root(&'static str),
    /// A property of an object.
    Field(&'a Path<'a>, &'static str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
    /// A value of a map (an object with free property names).
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The name of the type at the root.
    pub(crate) fn root(self) -> &'static str {
        let mut path = self;
        loop {
            match path {
                Path::Root(name) => return name,
                Path::Field(parent, _) | Path::Index(parent, _) | Path::Key(parent, _) => {
                    path = *parent
                }
            }
        }
    }

    /// The steps from the root to here, owned: for an error's record.
    pub(crate) fn segments(self) -> Vec<Segment> {
        let mut segments = Vec::new();
        let mut path = self;
        loop {
            let (parent, segment) = match path {
                Path::Root(_) => break,
                Path::Field(parent, name) => (parent, Segment::Field(name)),
                Path::Index(parent, index) => (parent, Segment::Index(index)),
                Path::Key(parent, key) => (parent, Segment::Key(key.to_owned())),
            };
            segments.push(segment);
            path = *parent;
        }
        segments.reverse();
        segments
    }

    /// Displays the path and, when the path is not just the type's own name,
    /// the type too: `Outer.inner[0] (Inner)`. For errors about an object
    /// as a whole (missing, unknown or repeated properties).
    pub(crate) fn of_type(self, type_name: &'static str) -> impl fmt::Display + 'a {
        struct OfType<'b>(Path<'b>, &'static str);
        impl fmt::Display for OfType<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0 {
                    Path::Root(name) if name == self.1 => f.write_str(name),
                    path => write!(f, "{path} ({})", self.1),
                }
            }
        }
        OfType(self, type_name)
    }
}

/// How many bytes of steps a path shows after its root's name. A longer
/// path (a value nested a hundred levels deep, under long keys) shows its
/// first step and as many of its last steps as fit, with `…` for the
/// steps between: `DataTransferRequest.data…["x"]["y"]`. The error's
/// [`pointer`](crate::Error::pointer) has every step.
const SHOWN_STEPS_LEN: usize = 512;

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut steps = Vec::new();
        let mut path = *self;
        let root = loop {
            match path {
                Path::Root(name) => break name,
                Path::Field(parent, _) | Path::Index(parent, _) | Path::Key(parent, _) => {
                    steps.push(path);
                    path = *parent;
                }
            }
        };
        steps.reverse();
        f.write_str(root)?;
        let lens: Vec<usize> = steps.iter().map(|step| shown_len(*step)).collect();
        if lens.iter().sum::<usize>() <= SHOWN_STEPS_LEN {
            return steps.iter().try_for_each(|step| write_step(f, *step));
        }
        let mut left = SHOWN_STEPS_LEN;
        let head = match lens.first() {
            Some(&len) if len <= left / 2 => {
                left -= len;
                1
            }
            _ => 0,
        };
        let mut tail = steps.len();
        while tail > head + 1 && lens[tail - 1] <= left {
            left -= lens[tail - 1];
            tail -= 1;
        }
        // The last step is shown whatever its length: it names the value.
        tail = tail.min(steps.len().saturating_sub(1)).max(head);
        steps[..head]
            .iter()
            .try_for_each(|step| write_step(f, *step))?;
        f.write_str("…")?;
        steps[tail..]
            .iter()
            .try_for_each(|step| write_step(f, *step))
    }
}

/// Writes the last step of `path`: `.field`, `[0]` or `["key"]`.
fn write_step(f: &mut impl fmt::Write, path: Path<'_>) -> fmt::Result {
    match path {
        Path::Root(_) => Ok(()),
        Path::Field(_, name) => write!(f, ".{name}"),
        Path::Index(_, index) => write!(f, "[{index}]"),
        Path::Key(_, key) => write!(f, "[{}]", Escaped::quoted(key)),
    }
}

/// How many bytes [`write_step`] writes.
fn shown_len(path: Path<'_>) -> usize {
    struct Count(usize);
    impl fmt::Write for Count {
        fn write_str(&mut self, text: &str) -> fmt::Result {
            self.0 += text.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = write_step(&mut count, path);
    count.0
}
