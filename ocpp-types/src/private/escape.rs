//! Strings from the input, made safe to put in a message: escaped, so that a
//! message is always one line that a terminal or a log shows as it is, and
//! bounded, so that a huge string makes a short message.
//!
//! An unknown enum value or property name is the client's text: without this,
//! a value such as `"Accepted\r\n2026-01-01 INFO all good"` would forge a line
//! in a server's log, and a 1 MB property name would make a 1 MB message.

use std::fmt::{self, Write};

/// The most characters (Unicode scalar values) of an input string that
/// [`Escaped`] shows. The rest is cut, and the message says how many
/// characters were cut: `"aaaa…" (1048512 more characters)`.
///
/// Sixty-four characters name any real enum value or property name in full,
/// and keep a message with a cut string well under a kilobyte, even when
/// every character shown is escaped (`\u{10ffff}` is the longest escape, ten
/// bytes).
pub const MAX_ECHOED_CHARS: usize = 64;

/// What [`Escaped`] writes around the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    /// `"text"`, with `"` and `\` escaped too: Rust's `{:?}` of a string.
    Double,
    /// `` `text` ``, as messages name fields and enum values.
    Backtick,
    /// Nothing around the text, for a caller that writes its own delimiters.
    None,
}

/// A string from the input, as a message shows it: a `Display` adapter that
/// writes `text` escaped and cut to [`MAX_ECHOED_CHARS`] characters, without
/// allocating.
///
/// **Escaped**: exactly the characters that Rust's `{:?}` escapes in a
/// string, and with the same spelling: `\0`, `\t`, `\n`, `\r`, and `\u{hex}`
/// for the others (`\u{1b}`, `\u{85}`, `\u{2028}`, `\u{202e}`). These are all
/// the control characters (U+0000–U+001F, U+007F–U+009F, so also U+0085), the
/// line and paragraph separators U+2028 and U+2029, the bidirectional
/// formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069: "Trojan Source"), and the other invisible or unassigned
/// characters (zero-width spaces, format characters, combining marks, private
/// use; for a combining mark, such as the one of a decomposed accent, the
/// mark alone). Those characters are escaped here even if some Rust release
/// stopped escaping them in `{:?}`. Letters with accents, CJK, emoji and all
/// other visible characters are written as they are.
///
/// The [quoted](Escaped::quoted) form escapes `"` and `\` too, as `\"` and
/// `\\`, and so is exactly `{:?}` for every string of at most
/// [`MAX_ECHOED_CHARS`] characters. The [backticked](Escaped::backticked) and
/// [plain](Escaped::plain) forms keep `"`, `\` and `` ` `` as they are, so
/// they are the text itself for every string that has no character to escape
/// (and `\n` in their output may also be a backslash and an `n` of the input).
///
/// **Bounded**: a string of more than [`MAX_ECHOED_CHARS`] characters shows
/// its first [`MAX_ECHOED_CHARS`], then `…` inside the delimiters, then how
/// many characters were cut. Never a part of a character: the cut counts
/// characters, not bytes.
///
/// | form | short | cut |
/// |---|---|---|
/// | [`Escaped::quoted`] | `"Acc\u{2028}ep\"ted"` | `"aaaa…" (1048512 more characters)` |
/// | [`Escaped::backticked`] | `` `Acc\u{2028}ep"ted` `` | `` `aaaa…` (1048512 more characters) `` |
/// | [`Escaped::plain`] | `Acc\u{2028}ep"ted` | `aaaa… (1048512 more characters)` |
///
/// (`aaaa…` stands for the 64 characters shown; one cut character is
/// `(1 more character)`.)
///
/// A program that shows untrusted text of its own (a charge point's id from
/// a URL, a frame it could not read, a command-line argument) can show it
/// the same way, with a bound of its choosing:
///
/// ```
/// use ocpp_types::Escaped;
///
/// let id = "CP-17\r\n2026-12-07 INFO forged line";
/// assert_eq!(
///     format!("connected: {}", Escaped::quoted(id)),
///     r#"connected: "CP-17\r\n2026-12-07 INFO forged line""#,
/// );
/// assert_eq!(Escaped::plain("abcdef").cut_at(3).to_string(), "abc… (3 more characters)");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Escaped<'a> {
    text: &'a str,
    quote: Quote,
    max_chars: usize,
}

impl<'a> Escaped<'a> {
    /// `text` written with `quote` around it.
    #[inline]
    pub const fn new(text: &'a str, quote: Quote) -> Self {
        Escaped {
            text,
            quote,
            max_chars: MAX_ECHOED_CHARS,
        }
    }

    /// The same, cut after `max_chars` characters instead of
    /// [`MAX_ECHOED_CHARS`].
    #[inline]
    pub const fn cut_at(self, max_chars: usize) -> Self {
        Escaped { max_chars, ..self }
    }

    /// `"text"`, as `{:?}` writes it: for `string "yes"`, and map keys in a
    /// path (`Root.map["key"]`).
    #[inline]
    pub const fn quoted(text: &'a str) -> Self {
        Escaped::new(text, Quote::Double)
    }

    /// `` `text` ``: for ``unknown field `name` `` and ``unknown Kind value
    /// `Partial` ``. Prefer it to `plain` inside backticks, so that a cut
    /// string reads `` `aaaa…` (N more characters) ``.
    #[inline]
    pub const fn backticked(text: &'a str) -> Self {
        Escaped::new(text, Quote::Backtick)
    }

    /// `text`, with nothing around it.
    #[inline]
    pub const fn plain(text: &'a str) -> Self {
        Escaped::new(text, Quote::None)
    }
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let delimiter = match self.quote {
            Quote::Double => "\"",
            Quote::Backtick => "`",
            Quote::None => "",
        };
        let (shown, cut) = split_at_char(self.text, self.max_chars);
        f.write_str(delimiter)?;
        write_escaped(f, shown, self.quote == Quote::Double)?;
        if cut.is_empty() {
            return f.write_str(delimiter);
        }
        f.write_char('…')?;
        f.write_str(delimiter)?;
        let more = cut.chars().count();
        let s = if more == 1 { "" } else { "s" };
        write!(f, " ({more} more character{s})")
    }
}

/// The most bytes of a message this crate makes: an error's (before
/// serde_json's ` at line L column C`) or a deviation's. Each string from
/// the input in it is cut to [`MAX_ECHOED_CHARS`] characters, a path to
/// its root, the first and the last of its steps (see
/// [`Path`](super::Path)); what still exceeds the bound is cut at a
/// character boundary and ends with `…`. A real message is far shorter.
pub const MAX_MESSAGE_LEN: usize = 1024;

/// A message, cut to at most [`MAX_MESSAGE_LEN`] bytes (the `…` that marks
/// a cut included) as it is written, without formatting the rest.
pub(crate) struct Capped<T>(pub T);

impl<T: fmt::Display> fmt::Display for Capped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Budget {
            out: f,
            left: MAX_MESSAGE_LEN - CUT.len(),
            held: [0; CUT.len()],
            held_len: 0,
            cut: false,
        };
        // The writer stops taking text once the budget is spent, and says so
        // with an error that only ends this `write!`.
        let result = write!(out, "{}", self.0);
        if out.cut {
            return out.out.write_str(CUT);
        }
        result?;
        // Within the bound: the last bytes, held back in case `…` had to
        // take their place, are the message's end.
        match std::str::from_utf8(&out.held[..out.held_len]) {
            Ok(end) => out.out.write_str(end),
            Err(_) => Ok(()),
        }
    }
}

/// What ends a cut message.
const CUT: &str = "…";

/// A writer that passes on the first `MAX_MESSAGE_LEN - CUT.len()` bytes
/// (`left` to go), holds the next few back, and stops at a character
/// boundary where a message would pass [`MAX_MESSAGE_LEN`].
struct Budget<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    left: usize,
    held: [u8; CUT.len()],
    held_len: usize,
    cut: bool,
}

impl Write for Budget<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.cut {
            return Err(fmt::Error);
        }
        if text.len() <= self.left {
            self.left -= text.len();
            return self.out.write_str(text);
        }
        let mut end = self.left;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.left -= end;
        let (now, rest) = text.split_at(end);
        self.out.write_str(now)?;
        // Whole characters only: `rest` starts at a boundary and ends the text.
        match self.held.get_mut(self.held_len..self.held_len + rest.len()) {
            Some(room) => {
                room.copy_from_slice(rest.as_bytes());
                self.held_len += rest.len();
                Ok(())
            }
            None => {
                self.cut = true;
                Err(fmt::Error)
            }
        }
    }
}

/// `message` as an owned string of at most [`MAX_MESSAGE_LEN`] bytes.
pub(crate) fn message(message: fmt::Arguments<'_>) -> String {
    Capped(message).to_string()
}

/// `text` split after its first `n` characters.
fn split_at_char(text: &str, n: usize) -> (&str, &str) {
    // A character is at least one byte: a text of at most n bytes is whole.
    if text.len() <= n {
        return (text, "");
    }
    match text.char_indices().nth(n) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    }
}

/// Writes `text` with the characters that need it escaped, and the runs of
/// characters between them in one `write_str` each.
fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str, quoted: bool) -> fmt::Result {
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if needs_escape(c, quoted) {
            f.write_str(&text[start..at])?;
            write_escape(f, c)?;
            start = at + c.len_utf8();
        }
    }
    f.write_str(&text[start..])
}

/// JSON text with every character that [`Escaped`] escapes and JSON
/// writers leave as they are (U+007F–U+009F, U+2028, bidi controls, ...)
/// written as a `\uXXXX` escape: the same JSON value, which shows as one
/// line with nothing hidden wherever it is printed. Such characters can only
/// be inside strings of valid JSON text, where the escape means the same.
pub(crate) fn escape_json_invisibles(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut start = 0;
    for (at, c) in json.char_indices() {
        // serde_json escapes U+0000–U+001F itself, and not U+007F.
        if c == '\u{7f}' || (!c.is_ascii() && needs_escape(c, false)) {
            out.push_str(&json[start..at]);
            let mut units = [0; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{:04x}", unit);
            }
            start = at + c.len_utf8();
        }
    }
    out.push_str(&json[start..]);
    out
}

/// Whether `c` is written escaped.
#[inline]
fn needs_escape(c: char, quoted: bool) -> bool {
    match c {
        '"' | '\\' => quoted,
        ' '..='~' => false,
        _ => is_dangerous(c) || c.escape_debug().len() > 1,
    }
}

/// The characters that break a line or reorder the text around them: escaped
/// whatever the standard library's `escape_debug` does.
#[inline]
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `c` as Rust's `escape_debug` spells it, but `'`, which is never escaped.
fn write_escape(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    match c {
        '\0' => f.write_str("\\0"),
        '\t' => f.write_str("\\t"),
        '\n' => f.write_str("\\n"),
        '\r' => f.write_str("\\r"),
        '"' => f.write_str("\\\""),
        '\\' => f.write_str("\\\\"),
        _ => write!(f, "\\u{{{:x}}}", u32::from(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_cut_at_its_bound_on_a_character() {
        // At the bound: whole.
        let exact = "a".repeat(MAX_MESSAGE_LEN);
        assert_eq!(message(format_args!("{exact}")), exact);
        // One byte over: cut, with `…` inside the bound.
        let over = message(format_args!("{exact}b"));
        assert_eq!(over.len(), MAX_MESSAGE_LEN);
        assert!(over.ends_with('…'));
        // Three-byte characters from many writes: never a part of one.
        let wide = "\u{2028}".repeat(MAX_MESSAGE_LEN);
        let cut = message(format_args!("{}{}", "x", Capped(&wide)));
        assert!(cut.len() <= MAX_MESSAGE_LEN, "{}", cut.len());
        assert!(cut.ends_with('…'));
        assert!(cut.chars().filter(|c| *c == '…').count() == 1);
    }

    fn quoted(text: &str) -> String {
        Escaped::quoted(text).to_string()
    }

    fn backticked(text: &str) -> String {
        Escaped::backticked(text).to_string()
    }

    fn plain(text: &str) -> String {
        Escaped::plain(text).to_string()
    }

    /// No character that breaks a line or reorders text.
    fn assert_safe(output: &str) {
        for c in output.chars() {
            assert!(!is_dangerous(c), "{c:?} in {output:?}");
        }
    }

    /// All the characters the issue names.
    fn named_characters() -> impl Iterator<Item = char> {
        let controls = (0..=0x1F).chain(0x7F..=0x9F);
        let separators = [0x2028, 0x2029, 0x0085];
        let bidi = [0x061C, 0x200E, 0x200F]
            .into_iter()
            .chain(0x202A..=0x202E)
            .chain(0x2066..=0x2069);
        controls
            .chain(separators)
            .chain(bidi)
            .map(|u| char::from_u32(u).unwrap())
    }

    #[test]
    fn clean_strings_are_unchanged() {
        for text in [
            "",
            "yes",
            "Partial",
            "partial-result",
            "Accepted",
            "it's",
            "Café Zürich",
            "充电桩",
            "🔌⚡",
            &"x".repeat(MAX_ECHOED_CHARS),
        ] {
            assert_eq!(quoted(text), format!("{text:?}"));
            assert_eq!(backticked(text), format!("`{text}`"));
            assert_eq!(plain(text), text);
        }
        // Quotes and backslashes are escaped only in the quoted form.
        let text = r#"say "C:\x" `now`"#;
        assert_eq!(quoted(text), r#""say \"C:\\x\" `now`""#);
        assert_eq!(quoted(text), format!("{text:?}"));
        assert_eq!(backticked(text), format!("`{text}`"));
        assert_eq!(plain(text), text);
    }

    #[test]
    fn the_quoted_form_is_debug_for_every_short_string() {
        let texts = [
            "tab\there",
            "line\nbreak\r\n",
            "nul\0one",
            "esc\u{1b}[31mred",
            "e\u{301} and é",
            "❤\u{FE0F} 👨\u{200D}👩",
            "zero\u{200B}width\u{FEFF}",
            "private\u{E000}\u{10FFFF}",
            "tag\u{E0041}",
            "it's \"quoted\" \\",
        ];
        for text in texts {
            assert_eq!(quoted(text), format!("{text:?}"), "{text:?}");
        }
        // Every character, alone and between others.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(quoted(&text), format!("{text:?}"), "{c:?}");
        }
        let every_named: String = named_characters().collect();
        for chunk in every_named.chars().collect::<Vec<_>>().chunks(20) {
            let text = format!("a{}b", chunk.iter().collect::<String>());
            assert_eq!(quoted(&text), format!("{text:?}"));
        }
    }

    #[test]
    fn every_control_character_and_separator_is_escaped() {
        for c in named_characters() {
            let text = format!("a{c}b");
            let expected = match c {
                '\0' => "a\\0b".to_owned(),
                '\t' => "a\\tb".to_owned(),
                '\n' => "a\\nb".to_owned(),
                '\r' => "a\\rb".to_owned(),
                _ => format!("a\\u{{{:x}}}b", u32::from(c)),
            };
            assert_eq!(plain(&text), expected, "{c:?}");
            assert_eq!(backticked(&text), format!("`{expected}`"), "{c:?}");
            assert_eq!(quoted(&text), format!("\"{expected}\""), "{c:?}");
        }
        assert_eq!(plain("\u{2028}\u{2029}\u{85}"), "\\u{2028}\\u{2029}\\u{85}");
        assert_eq!(
            backticked("Acc\u{2028}epted\r\nok"),
            "`Acc\\u{2028}epted\\r\\nok`"
        );
    }

    #[test]
    fn bidirectional_controls_are_escaped() {
        // "Trojan Source": text that reads differently from what it is.
        let text = "access\u{202E}\u{2066}// admin\u{2069}\u{2066}";
        assert_eq!(
            plain(text),
            "access\\u{202e}\\u{2066}// admin\\u{2069}\\u{2066}"
        );
        for c in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            assert_eq!(plain(&c.to_string()), format!("\\u{{{:x}}}", u32::from(c)));
        }
    }

    #[test]
    fn no_output_holds_a_dangerous_character() {
        let every_char: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for chunk in every_char
            .chars()
            .collect::<Vec<_>>()
            .chunks(MAX_ECHOED_CHARS)
        {
            let text: String = chunk.iter().collect();
            for output in [quoted(&text), backticked(&text), plain(&text)] {
                assert_safe(&output);
                assert!(!output.contains('\n') && !output.contains('\r'));
            }
        }
    }

    #[test]
    fn a_megabyte_makes_a_short_message_that_says_how_much_was_cut() {
        let text = "a".repeat(1 << 20);
        let shown = "a".repeat(MAX_ECHOED_CHARS);
        let more = (1 << 20) - MAX_ECHOED_CHARS;
        assert_eq!(more, 1048512);
        assert_eq!(
            quoted(&text),
            format!("\"{shown}…\" (1048512 more characters)")
        );
        assert_eq!(
            backticked(&text),
            format!("`{shown}…` (1048512 more characters)")
        );
        assert_eq!(plain(&text), format!("{shown}… (1048512 more characters)"));
        // Escaped characters count as one each, before and after the cut.
        let text = "\n".repeat(1 << 20);
        let output = quoted(&text);
        assert_eq!(
            output,
            format!(
                "\"{}…\" (1048512 more characters)",
                "\\n".repeat(MAX_ECHOED_CHARS)
            )
        );
        // The worst case: every character shown is the longest escape.
        let output = quoted(&"\u{10FFFF}".repeat(1 << 18));
        assert_eq!(output.len(), 2 + 10 * MAX_ECHOED_CHARS + 3 + 25);
        assert!(output.ends_with("…\" (262080 more characters)"), "{output}");
    }

    #[test]
    fn the_cut_is_exactly_at_the_bound() {
        let at_bound = "b".repeat(MAX_ECHOED_CHARS);
        assert_eq!(quoted(&at_bound), format!("\"{at_bound}\""));
        assert_eq!(plain(&at_bound), at_bound);
        let one_more = format!("{at_bound}c");
        assert_eq!(
            quoted(&one_more),
            format!("\"{at_bound}…\" (1 more character)")
        );
        assert_eq!(
            backticked(&one_more),
            format!("`{at_bound}…` (1 more character)")
        );
        let two_more = format!("{at_bound}cd");
        assert_eq!(plain(&two_more), format!("{at_bound}… (2 more characters)"));
        // An escape at the bound is whole, and an escape past it is cut.
        let text = format!("{}\n\n", "b".repeat(MAX_ECHOED_CHARS - 1));
        assert_eq!(
            plain(&text),
            format!(
                "{}\\n… (1 more character)",
                "b".repeat(MAX_ECHOED_CHARS - 1)
            )
        );
    }

    #[test]
    fn multibyte_characters_are_never_split() {
        for c in ['é', '充', '🔌', '\u{2028}'] {
            // Byte lengths 2, 3, 4 and 3: the byte at MAX_ECHOED_CHARS is
            // inside a character for all of them.
            let text: String = std::iter::repeat(c).take(MAX_ECHOED_CHARS + 5).collect();
            let output = plain(&text);
            let shown = if c == '\u{2028}' {
                "\\u{2028}".repeat(MAX_ECHOED_CHARS)
            } else {
                c.to_string().repeat(MAX_ECHOED_CHARS)
            };
            assert_eq!(output, format!("{shown}… (5 more characters)"), "{c:?}");
        }
        // Mixed widths: the cut counts characters, not bytes.
        let text = format!("{}é🔌x", "a".repeat(MAX_ECHOED_CHARS - 1));
        assert_eq!(
            backticked(&text),
            format!(
                "`{}é…` (2 more characters)",
                "a".repeat(MAX_ECHOED_CHARS - 1)
            )
        );
        // More bytes than the bound, but not more characters: not cut.
        let text = "🔌".repeat(MAX_ECHOED_CHARS);
        assert_eq!(quoted(&text), format!("{text:?}"));
    }
}
