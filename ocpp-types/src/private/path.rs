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

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Path::Root(name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{}]", Escaped::quoted(key)),
        }
    }
}
