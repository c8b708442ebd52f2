//! A calendar day (no time, no zone), as spoiler end dates are written and compared.
//!
//! Only `YYYY-MM-DD` is accepted. A day written `31/12/2026` or `12/31/2026` is refused rather
//! than guessed: `01/02/2026` is January in one country and February in another, and a wrong
//! guess would show a spoiler a month early. The refusal says which ISO date was probably meant
//! when only one reading is a real date.

use std::fmt;

/// A valid day of the proleptic Gregorian calendar, years 1..=9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a `YYYY-MM-DD` day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayError {
    /// Not shaped like `YYYY-MM-DD` at all. `suggestion` is the ISO form when the text reads as
    /// exactly one real day written `DD/MM/YYYY` or `MM/DD/YYYY`.
    NotIso { text: String, suggestion: Option<String> },
    /// Shaped right, but no such day (month 13, 30 February).
    NoSuchDay { text: String },
}

impl fmt::Display for DayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotIso { text, suggestion: Some(iso) } => {
                write!(f, "{text:?} is not a date in YYYY-MM-DD form; did you mean {iso}?")
            }
            Self::NotIso { text, suggestion: None } => {
                write!(f, "{text:?} is not a date in YYYY-MM-DD form (for example 2026-12-31)")
            }
            Self::NoSuchDay { text } => write!(f, "{text:?} is not a real day of the calendar"),
        }
    }
}

impl std::error::Error for DayError {}

impl Day {
    /// The day, when `year-month-day` exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (surrounding spaces ignored).
    pub fn parse(text: &str) -> Result<Self, DayError> {
        let trimmed = text.trim();
        let not_iso = || DayError::NotIso { text: trimmed.to_owned(), suggestion: suggest_iso(trimmed) };
        let bytes = trimmed.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shaped {
            return Err(not_iso());
        }
        let number = |range: std::ops::Range<usize>| trimmed[range].parse::<u16>().map_err(|_| not_iso());
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let no_such_day = || DayError::NoSuchDay { text: trimmed.to_owned() };
        let month = u8::try_from(month).map_err(|_| no_such_day())?;
        let day = u8::try_from(day).map_err(|_| no_such_day())?;
        Self::new(year, month, day).ok_or_else(no_such_day)
    }

    /// Today in the user's local time zone (the system's zone, or `TZ` when set).
    ///
    /// Falls back to UTC only when the system has no readable zone at all.
    pub fn today_local() -> Self {
        let date = jiff::Zoned::now().date();
        Self::from_jiff(date)
    }

    /// The local day of `instant` in the zone `tz` (tests cross zone boundaries with it).
    pub fn local_day_of(instant: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> Self {
        Self::from_jiff(instant.to_zoned(tz.clone()).date())
    }

    fn from_jiff(date: jiff::civil::Date) -> Self {
        // jiff's years are -9999..=9999; a system clock before year 1 is not a real case, so it
        // clamps to the first representable day rather than failing.
        let year = u16::try_from(date.year()).unwrap_or(1).max(1);
        let month = u8::try_from(date.month()).unwrap_or(1);
        let day = u8::try_from(date.day()).unwrap_or(1);
        Self::new(year, month, day).unwrap_or(Self { year: 1, month: 1, day: 1 })
    }

    /// The day before (itself for 0001-01-01).
    pub fn previous(self) -> Self {
        if self.day > 1 {
            return Self { day: self.day - 1, ..self };
        }
        if self.month > 1 {
            return Self { month: self.month - 1, day: days_in(self.year, self.month - 1), ..self };
        }
        if self.year > 1 {
            return Self { year: self.year - 1, month: 12, day: 31 };
        }
        self
    }

    /// The day after (itself for 9999-12-31).
    pub fn next(self) -> Self {
        if self.day < days_in(self.year, self.month) {
            return Self { day: self.day + 1, ..self };
        }
        if self.month < 12 {
            return Self { month: self.month + 1, day: 1, ..self };
        }
        if self.year < 9999 {
            return Self { year: self.year + 1, month: 1, day: 1 };
        }
        self
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The ISO form of `a/b/yyyy` (or with `.` or `-`) when exactly one of day-first and month-first
/// is a real day.
fn suggest_iso(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [a, b, year] = parts.as_slice() else { return None };
    let (a, b, year) = (a.parse::<u8>().ok()?, b.parse::<u8>().ok()?, year.parse::<u16>().ok()?);
    if year < 1000 {
        return None;
    }
    let day_first = Day::new(year, b, a);
    let month_first = Day::new(year, a, b);
    match (day_first, month_first) {
        (Some(d), None) | (None, Some(d)) => Some(d.to_string()),
        (Some(d), Some(m)) if d == m => Some(d.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_days_and_refuses_the_rest_with_a_hint() {
        assert_eq!(Day::parse(" 2026-12-31 ").map(|d| d.to_string()), Ok("2026-12-31".to_owned()));
        assert_eq!(Day::parse("2028-02-29").map(|d| d.to_string()), Ok("2028-02-29".to_owned()));
        assert_eq!(Day::parse("2026-02-29"), Err(DayError::NoSuchDay { text: "2026-02-29".into() }));
        assert_eq!(Day::parse("2026-13-01"), Err(DayError::NoSuchDay { text: "2026-13-01".into() }));
        assert_eq!(
            Day::parse("31/12/2026"),
            Err(DayError::NotIso { text: "31/12/2026".into(), suggestion: Some("2026-12-31".into()) })
        );
        // Ambiguous: both readings are real days, so no guess.
        assert_eq!(Day::parse("01/02/2026"), Err(DayError::NotIso { text: "01/02/2026".into(), suggestion: None }));
        assert!(Day::parse("next week").is_err());
        assert!(Day::parse("2026-1-01").is_err());
        assert!(Day::parse("+026-01-01").is_err());
    }

    #[test]
    fn orders_and_steps_across_month_and_year_ends() {
        let parse = |t: &str| Day::parse(t).expect("valid fixture");
        assert!(parse("2026-12-31") < parse("2027-01-01"));
        assert_eq!(parse("2027-01-01").previous(), parse("2026-12-31"));
        assert_eq!(parse("2028-02-28").next(), parse("2028-02-29"));
        assert_eq!(parse("2026-03-01").previous(), parse("2026-02-28"));
    }

    #[test]
    fn the_local_day_follows_the_zone_not_utc() {
        // 23:30 UTC on 31 December is already 1 January in Berlin and still 31 December in New York.
        let instant: jiff::Timestamp = "2026-12-31T23:30:00Z".parse().expect("valid fixture");
        let berlin = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
        let new_york = jiff::tz::TimeZone::fixed(jiff::tz::offset(-5));
        assert_eq!(Day::local_day_of(instant, &berlin).to_string(), "2027-01-01");
        assert_eq!(Day::local_day_of(instant, &new_york).to_string(), "2026-12-31");
    }
}
