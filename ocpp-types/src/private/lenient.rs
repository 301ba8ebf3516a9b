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
    /// The path of a `null` just tolerated for an optional field, which the
    /// field reads as absent.
    static NULL_AT: RefCell<Option<Vec<crate::Segment>>> = const { RefCell::new(None) };
}

/// While alive, `policy` is in force on this thread.
pub(crate) struct Lenient {
    was: Policy,
}

impl Lenient {
    pub(crate) fn enter(policy: Policy) -> Lenient {
        let _ = DEVIATIONS.try_with(|list| list.borrow_mut().clear());
        let _ = OMITTED.try_with(|count| count.set(0));
        Lenient {
            was: POLICY.with(|slot| slot.replace(policy)),
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
        let _ = NULL_AT.try_with(|slot| slot.borrow_mut().take());
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

/// For an optional field whose value was `null`: remembers where, so that
/// the field reads it as absent when the error reaches it.
#[cold]
pub(crate) fn null_tolerated(path: Path<'_>) -> bool {
    if !policy().null_as_absent {
        return false;
    }
    let _ = NULL_AT.try_with(|slot| *slot.borrow_mut() = Some(path.segments()));
    true
}

/// Whether the error that reached the optional field at `path` is the
/// tolerated `null` of that very field; if so it is recorded as a deviation.
#[cold]
pub(crate) fn is_tolerated_null(path: Path<'_>) -> bool {
    let here = path.segments();
    let matches = NULL_AT
        .try_with(|slot| {
            let mut slot = slot.borrow_mut();
            let matches = slot.as_ref() == Some(&here);
            if matches {
                *slot = None;
            }
            matches
        })
        .unwrap_or(false);
    if matches {
        tolerate(
            ErrorKind::Null,
            path,
            format_args!("null for an optional field, read as absent"),
        );
    }
    matches
}
