//! `multipleOf`, judged on decimal values: a JSON number is the decimal its
//! text writes, so `0.3` is a multiple of `0.1`, although `0.3 / 0.1` is not
//! a whole number in binary floating point.
//!
//! A float stands for the shortest decimal that reads back as it (what its
//! text was, for any text of at most 17 significant digits): `0.3` is
//! 3 × 10⁻¹. Then `value` is a multiple of `multiple` exactly when the
//! integer `value × 10^n` is a multiple of the integer `multiple × 10^n`, with
//! `n` large enough to make both whole: integer arithmetic, without rounding.

use super::limits::Number;
use std::fmt::{self, Write};

/// `digits × 10^exponent`, a finite number's magnitude.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Decimal {
    digits: u128,
    exponent: i32,
}

impl Decimal {
    fn of_int(value: i128) -> Decimal {
        Decimal {
            digits: value.unsigned_abs(),
            exponent: 0,
        }
    }

    /// The shortest decimal of `value`; `None` for NaN and infinities.
    fn of_float(value: f64) -> Option<Decimal> {
        if !value.is_finite() {
            return None;
        }
        if let Some(decimal) = Decimal::of_short_float(value) {
            return Some(decimal);
        }
        Decimal::of_float_text(value)
    }

    /// The shortest decimal of a finite `value` that has at most 15
    /// digits after the point and fewer than 2^52 in all (every meter
    /// reading and limit in practice), without formatting it: `k × 10^-p`
    /// for the fewest `p` whose `k / 10^p` is `value`.
    ///
    /// That is the float's shortest decimal: `k` and `10^p` are exact
    /// floats and division rounds correctly, so `k / 10^p` is what parsing
    /// `k × 10^-p` gives; below 2^52 the float's rounding interval is
    /// narrower than `10^-p`, so it holds no other multiple of `10^-p`, and
    /// a decimal with fewer digits would be a multiple of `10^-(p-1)` that
    /// reads back as `value`, which the loop tried first.
    fn of_short_float(value: f64) -> Option<Decimal> {
        const POWERS: [f64; 16] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        ];
        const LIMIT: f64 = 4_503_599_627_370_496.0; // 2^52
        let magnitude = value.abs();
        for (p, power) in POWERS.iter().enumerate() {
            let scaled = magnitude * power;
            if scaled >= LIMIT {
                return None;
            }
            let k = scaled.round();
            if k / power == magnitude {
                let (mut digits, mut exponent) = (k as u128, -(p as i32));
                if digits == 0 {
                    return Some(Decimal::of_int(0));
                }
                while digits % 10 == 0 {
                    digits /= 10;
                    exponent += 1;
                }
                return Some(Decimal { digits, exponent });
            }
        }
        None
    }

    /// [`of_float`](Decimal::of_float) through the float's shortest text.
    fn of_float_text(value: f64) -> Option<Decimal> {
        // `{:e}` is the shortest text that reads back as the float:
        // `3e-1`, `1.2345e2`, at most 17 digits.
        let mut text = Text::default();
        write!(text, "{:e}", value.abs()).ok()?;
        let text = text.as_str();
        let (mantissa, exponent) = text.split_once('e')?;
        let exponent: i32 = exponent.parse().ok()?;
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits: u128 = 0;
        for digit in whole.bytes().chain(fraction.bytes()) {
            digits = digits * 10 + u128::from(digit - b'0');
        }
        Some(Decimal {
            digits,
            exponent: exponent - fraction.len() as i32,
        })
    }
}

/// Whether `value` is a whole number of times `multiple` (which is above 0).
pub fn is_multiple(value: Number, multiple: Number) -> bool {
    let value = match value {
        Number::Int(v) => Decimal::of_int(v),
        Number::Float(v) => match Decimal::of_float(v) {
            Some(decimal) => decimal,
            None => return false,
        },
    };
    let multiple = match multiple {
        Number::Int(v) => Decimal::of_int(v),
        Number::Float(v) => match Decimal::of_float(v) {
            Some(decimal) => decimal,
            None => return false,
        },
    };
    if value.digits == 0 {
        return true;
    }
    if multiple.digits == 0 {
        return false;
    }
    let m = multiple.digits;
    if value.exponent >= multiple.exponent {
        // value.digits × 10^k mod m, with k the difference of exponents.
        let k = (value.exponent - multiple.exponent) as u32;
        mul_mod(value.digits % m, pow_mod(10, k, m), m) == 0
    } else {
        // m × 10^k must divide value.digits: beyond u128 it is larger.
        let k = (multiple.exponent - value.exponent) as u32;
        match 10u128.checked_pow(k).and_then(|p| p.checked_mul(m)) {
            Some(divisor) => value.digits % divisor == 0,
            None => false,
        }
    }
}

/// `a × b mod m`, for `a, b < m`, without overflow.
fn mul_mod(a: u128, b: u128, m: u128) -> u128 {
    if let Some(product) = a.checked_mul(b) {
        return product % m;
    }
    // Double and add: every intermediate stays below 2m.
    let (mut result, mut a, mut b) = (0u128, a, b);
    while b > 0 {
        if b & 1 == 1 {
            result = add_mod(result, a, m);
        }
        a = add_mod(a, a, m);
        b >>= 1;
    }
    result
}

fn add_mod(a: u128, b: u128, m: u128) -> u128 {
    // a, b < m: a + b - m when it is at least m, without overflowing.
    if a >= m - b {
        a - (m - b)
    } else {
        a + b
    }
}

/// `base^exponent mod m`.
fn pow_mod(base: u128, mut exponent: u32, m: u128) -> u128 {
    let mut result = 1 % m;
    let mut base = base % m;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = mul_mod(result, base, m);
        }
        base = mul_mod(base, base, m);
        exponent >>= 1;
    }
    result
}

/// A float's text on the stack: no allocation to check a value.
#[derive(Default)]
struct Text {
    bytes: [u8; 32],
    len: usize,
}

impl Text {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl Write for Text {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{is_multiple, Decimal, Number};

    fn float(value: f64, multiple: f64) -> bool {
        is_multiple(Number::Float(value), Number::Float(multiple))
    }

    #[test]
    fn floats_are_their_shortest_decimals() {
        let d = |digits, exponent| Some(Decimal { digits, exponent });
        assert_eq!(Decimal::of_float(0.3), d(3, -1));
        assert_eq!(Decimal::of_float(123.45), d(12345, -2));
        assert_eq!(Decimal::of_float(-2.0), d(2, 0));
        assert_eq!(Decimal::of_float(1e300), d(1, 300));
        assert_eq!(Decimal::of_float(5e-324), d(5, -324));
        assert_eq!(Decimal::of_float(0.0), d(0, 0));
        assert_eq!(Decimal::of_float(f64::NAN), None);
    }

    /// The quick way finds the decimal formatting finds, wherever it finds one.
    #[test]
    fn short_floats_need_no_formatting() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut found = 0;
        for _ in 0..200_000 {
            let r = next();
            // Decimals of a few digits at every scale, and arbitrary floats.
            let value = match r % 3 {
                0 => (r >> 8) as f64 % 1e6 / 10f64.powi((r % 13) as i32),
                1 => f64::from_bits(next()),
                _ => (r >> 11) as f64 / 1024.0,
            };
            if !value.is_finite() {
                continue;
            }
            if let Some(quick) = Decimal::of_short_float(value) {
                found += 1;
                assert_eq!(Some(quick), Decimal::of_float_text(value), "{value:e}");
            }
        }
        assert!(found > 60_000, "{found}");
        assert_eq!(
            Decimal::of_short_float(0.1),
            Some(Decimal {
                digits: 1,
                exponent: -1
            })
        );
        assert_eq!(
            Decimal::of_short_float(2935.6),
            Some(Decimal {
                digits: 29356,
                exponent: -1
            })
        );
        assert_eq!(
            Decimal::of_short_float(1500.0),
            Some(Decimal {
                digits: 15,
                exponent: 2
            })
        );
        assert_eq!(Decimal::of_short_float(0.1 + 0.2), None);
        assert_eq!(Decimal::of_short_float(1e300), None);
    }

    #[test]
    fn multiples_are_judged_on_decimal_values() {
        assert!(float(0.3, 0.1));
        assert!(float(0.7, 0.1));
        assert!(float(-12.3, 0.1));
        assert!(float(32.0, 0.1));
        assert!(float(0.0, 0.1));
        assert!(!float(0.35, 0.1));
        assert!(!float(0.01, 0.1));
        assert!(float(1.5, 0.5));
        assert!(!float(1.25, 0.5));
        assert!(float(1e300, 0.1));
        assert!(!float(5e-324, 0.1));
        assert!(float(0.75, 0.25));
        assert!(!float(f64::INFINITY, 0.1));
        assert!(is_multiple(Number::Int(10), Number::Int(5)));
        assert!(!is_multiple(Number::Int(11), Number::Int(5)));
        assert!(is_multiple(Number::Int(-15), Number::Float(2.5)));
        assert!(is_multiple(Number::Int(7), Number::Float(0.1)));
        assert!(!is_multiple(Number::Float(7.05), Number::Int(1)));
        // Large multiples: no overflow.
        let third = i128::MAX / 3;
        assert!(is_multiple(Number::Int(third * 3), Number::Int(third)));
        assert!(!is_multiple(Number::Int(third * 3 - 1), Number::Int(third)));
        assert!(is_multiple(
            Number::Float(1e30),
            Number::Int(10i128.pow(20))
        ));
        // 2^127 - 1 is prime: no power of ten is a multiple of it.
        assert!(!is_multiple(Number::Float(1e38), Number::Int(i128::MAX)));
        assert!(is_multiple(Number::Int(i128::MAX), Number::Int(i128::MAX)));
    }
}
