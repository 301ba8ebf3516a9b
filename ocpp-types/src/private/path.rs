//! Where a value sits in a document, as a chain of borrowed links on the stack.

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
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}
