//! Lenient reading: the policy of the entry point in use, and the
//! deviations it tolerated, in thread-local slots. Every place that
//! tolerates a deviation is on the path of an error: strict reading (the
//! default, and serde's own entry points) never looks at them.

use super::Path;
use crate::{Deviation, ErrorKind, Policy, MAX_DEVIATIONS};
use std::cell::{Cell, RefCell};
use std::fmt;

thread_local! {
    static POLICY: Cell<Policy> = const { Cell::new(Policy::STRICT) };
    /// The first [`MAX_DEVIATIONS`] deviations tolerated.
    static DEVIATIONS: RefCell<Vec<Deviation>> = const { RefCell::new(Vec::new()) };
    /// How many more were tolerated, counted but not kept.
    static OMITTED: Cell<usize> = const { Cell::new(0) };
}

/// While alive, `policy` is in force on this thread, with deviations of
/// its own: a lenient reading inside another (a type whose `Deserialize`
/// reads an embedded document leniently) neither sees nor loses the outer
/// one's, which come back when it ends.
pub(crate) struct Lenient {
    was: Policy,
    outer: Vec<Deviation>,
    outer_omitted: usize,
}

impl Lenient {
    pub(crate) fn enter(policy: Policy) -> Lenient {
        let outer = DEVIATIONS
            .try_with(|list| std::mem::take(&mut *list.borrow_mut()))
            .unwrap_or_default();
        let outer_omitted = OMITTED.try_with(|count| count.replace(0)).unwrap_or(0);
        Lenient {
            was: POLICY.with(|slot| slot.replace(policy)),
            outer,
            outer_omitted,
        }
    }

    /// The first deviations tolerated so far, in document order, and how
    /// many more there were.
    pub(crate) fn take(&self) -> (Vec<Deviation>, usize) {
        let kept = DEVIATIONS
            .try_with(|list| std::mem::take(&mut *list.borrow_mut()))
            .unwrap_or_default();
        let omitted = OMITTED.try_with(|count| count.replace(0)).unwrap_or(0);
        (kept, omitted)
    }
}

impl Drop for Lenient {
    fn drop(&mut self) {
        POLICY.with(|slot| slot.set(self.was));
        let outer = std::mem::take(&mut self.outer);
        let _ = DEVIATIONS.try_with(|list| *list.borrow_mut() = outer);
        let _ = OMITTED.try_with(|count| count.set(self.outer_omitted));
    }
}

/// The policy in force.
#[inline]
pub(crate) fn policy() -> Policy {
    POLICY.with(Cell::get)
}

/// Whether the policy in force tolerates a deviation of `kind`; if so, it
/// is recorded at `path` with `message`, while fewer than
/// [`MAX_DEVIATIONS`] are kept, and only counted after that: a document
/// of a million tolerated deviations costs a counter, not a million
/// messages.
#[cold]
#[inline(never)]
pub(crate) fn tolerate(kind: ErrorKind, path: Path<'_>, message: fmt::Arguments<'_>) -> bool {
    tolerate_shown(kind, path, path, message)
}

/// [`tolerate`], with the path shown as `shown` in the message (an
/// object's path with its type: `Outer.inner[0] (Inner)`).
#[cold]
#[inline(never)]
pub(crate) fn tolerate_shown(
    kind: ErrorKind,
    path: Path<'_>,
    shown: impl fmt::Display,
    message: fmt::Arguments<'_>,
) -> bool {
    if !policy().tolerates(kind) {
        return false;
    }
    let full = DEVIATIONS
        .try_with(|list| list.borrow().len() >= MAX_DEVIATIONS)
        .unwrap_or(true);
    if full {
        let _ = OMITTED.try_with(|count| count.set(count.get().saturating_add(1)));
    } else {
        let deviation = Deviation::new(
            kind,
            path.segments(),
            super::message(format_args!("{shown}: {message}")),
        );
        let _ = DEVIATIONS.try_with(|list| list.borrow_mut().push(deviation));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KeyValue, Segment};

    #[test]
    fn a_lenient_reading_inside_another_keeps_the_outer_ones_deviations() {
        let outer = Lenient::enter(Policy::TOLERANT);
        let path = Path::Root("Outer");
        assert!(tolerate(
            ErrorKind::Null,
            Path::Field(&path, "outer"),
            format_args!("outer")
        ));
        // A reading inside it, with a policy of its own.
        let inner = crate::from_str_with::<KeyValue>(
            r#"{"key": "k", "read_only": "true"}"#,
            Policy::TOLERANT,
        )
        .unwrap();
        assert_eq!(inner.deviations.len(), 1);
        assert_eq!(inner.deviations[0].path(), [Segment::Field("read_only")]);
        assert_eq!(policy(), Policy::TOLERANT);
        assert!(tolerate(
            ErrorKind::Null,
            Path::Field(&path, "later"),
            format_args!("later")
        ));
        let (deviations, omitted) = outer.take();
        let paths: Vec<String> = deviations.iter().map(Deviation::pointer).collect();
        assert_eq!(
            (paths, omitted),
            (vec!["/outer".to_owned(), "/later".to_owned()], 0)
        );
        drop(outer);
        assert_eq!(policy(), Policy::STRICT);
    }
}
