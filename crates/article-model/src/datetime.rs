//! RFC 3339 timestamps with a mandatory UTC offset, as used by `datePublished`/`dateModified`.

use std::fmt;

/// A validated RFC 3339 timestamp. The wall-clock fields are those written in the document, in
/// the document's own offset (for the seed: Beijing time, `+08:00`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Milliseconds (fractions beyond milliseconds are accepted and truncated).
    pub millis: u16,
    /// Offset from UTC in minutes (`+08:00` is 480, `Z` is 0).
    pub offset_minutes: i16,
}

/// Why a timestamp was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateTimeError {
    /// Not of the form `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
    Shape,
    /// Well-formed, but a field is out of range (month 13, February 30, hour 24…).
    Range(&'static str),
    /// No `Z` or `±HH:MM` at the end.
    MissingOffset,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateTimeError::Shape => {
                f.write_str("expected an RFC 3339 date-time such as 2025-12-29T18:35:44+08:00")
            }
            DateTimeError::Range(field) => write!(f, "the {field} is out of range"),
            DateTimeError::MissingOffset => f.write_str(
                "the time has no UTC offset; append one, e.g. +08:00 for Beijing time or Z for UTC",
            ),
        }
    }
}

fn digits(s: &[u8], at: usize, n: usize) -> Result<u32, DateTimeError> {
    let part = s.get(at..at + n).ok_or(DateTimeError::Shape)?;
    part.iter().try_fold(0u32, |acc, &b| {
        if b.is_ascii_digit() {
            Ok(acc * 10 + u32::from(b - b'0'))
        } else {
            Err(DateTimeError::Shape)
        }
    })
}

fn expect(s: &[u8], at: usize, what: &[u8]) -> Result<(), DateTimeError> {
    match s.get(at) {
        Some(b) if what.contains(b) => Ok(()),
        _ => Err(DateTimeError::Shape),
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl DateTime {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. A space instead of `T` and a lowercase
    /// `t`/`z` are accepted, as RFC 3339 allows.
    pub fn parse(text: &str) -> Result<DateTime, DateTimeError> {
        let s = text.as_bytes();
        let year = digits(s, 0, 4)? as i32;
        expect(s, 4, b"-")?;
        let month = digits(s, 5, 2)? as u8;
        expect(s, 7, b"-")?;
        let day = digits(s, 8, 2)? as u8;
        expect(s, 10, b"Tt ")?;
        let hour = digits(s, 11, 2)? as u8;
        expect(s, 13, b":")?;
        let minute = digits(s, 14, 2)? as u8;
        expect(s, 16, b":")?;
        let second = digits(s, 17, 2)? as u8;
        let mut at = 19;
        let mut millis = 0u16;
        if s.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while s.get(at).is_some_and(u8::is_ascii_digit) {
                if at - start < 3 {
                    millis = millis * 10 + u16::from(s[at] - b'0');
                }
                at += 1;
            }
            if at == start {
                return Err(DateTimeError::Shape);
            }
            for _ in (at - start)..3 {
                millis *= 10;
            }
        }
        let offset_minutes = match s.get(at) {
            None => return Err(DateTimeError::MissingOffset),
            Some(b'Z' | b'z') if s.len() == at + 1 => 0,
            Some(&sign @ (b'+' | b'-')) if s.len() == at + 6 => {
                let oh = digits(s, at + 1, 2)?;
                expect(s, at + 3, b":")?;
                let om = digits(s, at + 4, 2)?;
                if oh > 23 || om > 59 {
                    return Err(DateTimeError::Range("UTC offset"));
                }
                let total = (oh * 60 + om) as i16;
                if sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return Err(DateTimeError::Shape),
        };
        if !(1..=12).contains(&month) {
            return Err(DateTimeError::Range("month"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateTimeError::Range("day of the month"));
        }
        if hour > 23 {
            return Err(DateTimeError::Range("hour"));
        }
        if minute > 59 {
            return Err(DateTimeError::Range("minute"));
        }
        // 60 is a leap second, which RFC 3339 allows.
        if second > 60 {
            return Err(DateTimeError::Range("second"));
        }
        Ok(DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            millis,
            offset_minutes,
        })
    }

    /// Milliseconds since the Unix epoch of this instant (for `Date` in JavaScript).
    pub fn unix_millis(&self) -> i64 {
        // Days from civil, after Howard Hinnant's well-known algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let secs = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60;
        secs * 1000 + i64::from(self.millis)
    }

    /// The wall-clock time as the publisher printed it: `2025-12-29 18:35:44`. Used where no
    /// `Intl` formatter exists (server-side rendering, the CLI).
    pub fn wall_clock(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// The offset as `UTC+8`, `UTC-3:30` or `UTC`.
    pub fn offset_label(&self) -> String {
        let m = self.offset_minutes;
        if m == 0 {
            return "UTC".to_owned();
        }
        let sign = if m < 0 { '-' } else { '+' };
        let (h, mm) = (m.unsigned_abs() / 60, m.unsigned_abs() % 60);
        if mm == 0 {
            format!("UTC{sign}{h}")
        } else {
            format!("UTC{sign}{h}:{mm:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_time() {
        let t = DateTime::parse("2025-12-29T18:35:44+08:00").unwrap();
        assert_eq!((t.year, t.month, t.day), (2025, 12, 29));
        assert_eq!((t.hour, t.minute, t.second), (18, 35, 44));
        assert_eq!(t.offset_minutes, 480);
        // 2025-12-29T10:35:44Z
        assert_eq!(t.unix_millis(), 1_767_004_544_000);
        assert_eq!(t.wall_clock(), "2025-12-29 18:35:44");
        assert_eq!(t.offset_label(), "UTC+8");
    }

    #[test]
    fn fractions_offsets_and_epoch() {
        let t = DateTime::parse("1970-01-01T00:00:00.5Z").unwrap();
        assert_eq!(t.unix_millis(), 500);
        let t = DateTime::parse("1969-12-31T20:30:00.123456-03:30").unwrap();
        assert_eq!(t.unix_millis(), 123);
        assert_eq!(t.offset_label(), "UTC-3:30");
        assert!(DateTime::parse("2024-02-29T00:00:00Z").is_ok());
    }

    #[test]
    fn rejects_bad_times() {
        use DateTimeError::*;
        assert_eq!(DateTime::parse("2025-12-29 18:35:44"), Err(MissingOffset));
        assert_eq!(DateTime::parse("2025-12-29"), Err(Shape));
        assert_eq!(DateTime::parse("2025-13-01T00:00:00Z"), Err(Range("month")));
        assert_eq!(
            DateTime::parse("2025-02-29T00:00:00Z"),
            Err(Range("day of the month"))
        );
        assert_eq!(DateTime::parse("2025-01-01T24:00:00Z"), Err(Range("hour")));
        assert_eq!(DateTime::parse("2025-01-01T00:00:00+8"), Err(Shape));
        assert_eq!(DateTime::parse("2025-01-01T00:00:00.Z"), Err(Shape));
        assert_eq!(DateTime::parse("2025-01-01T00:00:00Zjunk"), Err(Shape));
        assert_eq!(DateTime::parse("２０２５-01-01T00:00:00Z"), Err(Shape));
        assert_eq!(DateTime::parse(""), Err(Shape));
    }
}
