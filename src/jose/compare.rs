//! Two tokens side by side: their header parameters and claims member by member, what was
//! added, removed and changed from token A to token B, and how far apart their times are. For
//! "why does this token work and that one not": the summary names the members that usually
//! decide it (`alg`, `kid`, `typ`, `iss`, `aud`).
//!
//! Values are compared as JSON values, not as text: numbers by the number they denote (`1`,
//! `1.0` and `1e0` are the same; `-0` is `0`), objects whatever their member order, strings by
//! their characters after unescaping. Such a pair is `Same` but flagged `respelled`, since a
//! strict parser may still read `1.0` differently from `1` (an integer type refuses it).

use std::cmp::Ordering;
use std::fmt;

use serde_json::{Map, Value};

use super::claims::time::{duration_words, is_numeric_date, iso_utc, TimeValue};
use super::error::Error;
use super::human::duration_millis;
use super::token::{json_kind, Decoded, Form, PayloadView};

/// How one member differs from token A to token B; `code` is the page's `data-change`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Only token B has the member.
    Added,
    /// Only token A has the member.
    Removed,
    /// Both have it, with different values.
    Changed,
    /// Both have it with the same value (perhaps written differently: see `Row::respelled`).
    Same,
}

impl Change {
    /// Every change, for tests and for the view's legend.
    pub const ALL: [Change; 4] = [
        Change::Added,
        Change::Removed,
        Change::Changed,
        Change::Same,
    ];

    /// Stable value of `data-change` on a `compare-row`.
    pub fn code(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Same => "same",
        }
    }

    /// Reads a `data-change` value.
    pub fn from_code(code: &str) -> Option<Change> {
        Change::ALL.into_iter().find(|change| change.code() == code)
    }
}

/// One side's reading of a time claim.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeReading {
    /// How the value reads as a NumericDate.
    pub value: TimeValue,
    /// The time as people read it: UTC (`2018-01-18T01:30:22Z`), or why it is not one.
    pub text: String,
}

impl TimeReading {
    /// Reads a time claim's value as the claims table does.
    pub fn of(value: &Value) -> TimeReading {
        let value = TimeValue::read(value);
        let utc = |seconds: f64| iso_utc(seconds).unwrap_or_else(|| "out of range".to_owned());
        let text = match value {
            TimeValue::Seconds(seconds) => utc(seconds),
            TimeValue::LooksLikeMilliseconds(seconds) => {
                format!("looks like milliseconds: {}", utc(seconds))
            }
            TimeValue::NotANumber => "not a number".to_owned(),
        };
        TimeReading { value, text }
    }

    /// The seconds since the epoch, and whether they were read as milliseconds.
    fn seconds(&self) -> Option<(f64, bool)> {
        match self.value {
            TimeValue::Seconds(seconds) => Some((seconds, false)),
            TimeValue::LooksLikeMilliseconds(seconds) => Some((seconds, true)),
            TimeValue::NotANumber => None,
        }
    }
}

/// How far token B's time is from token A's.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeDifference {
    /// B − A in seconds: positive when B's time is later.
    pub seconds: f64,
    /// The same in words: "+1 h", "−30 s", "+720 h (1 month)", "0 s".
    pub words: String,
}

/// A time claim on both sides: each time in words, and the difference where both are times
/// read the same way (both seconds, or both what look like milliseconds).
#[derive(Clone, Debug, PartialEq)]
pub struct TimeComparison {
    /// Token A's time; `None` when A lacks the claim.
    pub a: Option<TimeReading>,
    /// Token B's time; `None` when B lacks the claim.
    pub b: Option<TimeReading>,
    /// B − A; `None` unless both are times of the same kind.
    pub difference: Option<TimeDifference>,
}

/// One header parameter or claim of either token: a `compare-row` with `data-claim` = `name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The member's name.
    pub name: String,
    /// What changed from A to B.
    pub change: Change,
    /// Token A's value as compact JSON, numbers as written; `None` when A lacks it.
    pub a: Option<String>,
    /// Token B's value as compact JSON, numbers as written; `None` when B lacks it.
    pub b: Option<String>,
    /// The same JSON value written differently (`1` and `1.0`, members reordered).
    pub respelled: bool,
    /// For a NumericDate claim (`exp`, `nbf`, `iat`, `auth_time`, `updated_at`): both times
    /// and their difference. Header rows have none.
    pub time: Option<TimeComparison>,
}

/// Why one token's header or claims are not in the comparison (it then adds no rows of its
/// own: the other token's members all read as added or removed).
#[derive(Clone, Debug, PartialEq)]
pub enum Missing {
    /// The token box is empty.
    NoToken,
    /// The part does not decode; the error says where and why.
    Broken(Error),
    /// The token is encrypted (a JWE): its claims are inside the ciphertext.
    Encrypted,
    /// The payload decodes but is not a JSON object: "an array", "text", "binary data" ….
    NotClaims {
        /// What the payload is instead.
        found: &'static str,
    },
}

impl Missing {
    /// A short stable code for the UI and tests (a broken part's error has its own code).
    pub fn code(&self) -> &'static str {
        match self {
            Missing::NoToken => "no-token",
            Missing::Broken(_) => "broken",
            Missing::Encrypted => "encrypted",
            Missing::NotClaims { .. } => "not-claims",
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::NoToken => write!(f, "There is no token."),
            Missing::Broken(err) => write!(f, "{err}"),
            Missing::Encrypted => write!(
                f,
                "The token is encrypted: its claims are inside the ciphertext."
            ),
            Missing::NotClaims { found } => {
                write!(f, "The payload is {found}, not a JSON object of claims.")
            }
        }
    }
}

/// The header or the claims of both tokens, member by member.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// A's members in A's order, then the members only B has in B's order.
    pub rows: Vec<Row>,
    /// Why token A's side is not compared; `None` when it is.
    pub a_missing: Option<Missing>,
    /// Why token B's side is not compared; `None` when it is.
    pub b_missing: Option<Missing>,
}

impl Section {
    /// The row of member `name`, if either token has it.
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.name == name)
    }

    /// Whether member `name` differs between the tokens (added, removed or changed).
    pub fn differs(&self, name: &str) -> bool {
        self.row(name).is_some_and(|row| row.change != Change::Same)
    }

    fn count(&self, change: Change) -> usize {
        self.rows.iter().filter(|row| row.change == change).count()
    }
}

/// Two tokens compared: headers and claims.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The header parameters (for a JWS JSON signature, protected and unprotected together).
    pub header: Section,
    /// The payload's claims.
    pub claims: Section,
}

/// The comparison in numbers, and which of the usual reasons a token is refused differ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Members only token B has, header and claims together.
    pub added: usize,
    /// Members only token A has.
    pub removed: usize,
    /// Members both have with different values.
    pub changed: usize,
    /// Members both have with the same value.
    pub same: usize,
    /// Of the same members, those written differently (`1` and `1.0`).
    pub respelled: usize,
    /// The header's `alg` differs: the tokens need different keys or verifiers.
    pub alg: bool,
    /// The header's `kid` differs: a key set picks a different key.
    pub kid: bool,
    /// The header's `typ` differs: a verifier that checks the type refuses one.
    pub typ: bool,
    /// The `iss` claim differs: a verifier expecting one issuer refuses the other.
    pub iss: bool,
    /// The `aud` claim differs: a verifier expecting one audience may refuse the other.
    pub aud: bool,
    /// A side's header or claims were not compared (each section's `a_missing`/`b_missing`).
    pub incomplete: bool,
}

impl Summary {
    /// The names among `alg`, `kid`, `typ`, `iss` and `aud` that differ, in that order.
    pub fn deciding(&self) -> Vec<&'static str> {
        [
            ("alg", self.alg),
            ("kid", self.kid),
            ("typ", self.typ),
            ("iss", self.iss),
            ("aud", self.aud),
        ]
        .into_iter()
        .filter_map(|(name, differs)| differs.then_some(name))
        .collect()
    }

    /// The comparison in one sentence: "2 changed, 1 added, 0 removed, 5 the same; alg and
    /// kid differ, which usually decides why one token is accepted and the other not."
    pub fn sentence(&self) -> String {
        if self.identical() {
            return "The two tokens have the same header and claims.".to_owned();
        }
        let counts = format!(
            "{} changed, {} added, {} removed, {} the same",
            self.changed, self.added, self.removed, self.same
        );
        let deciding = self.deciding();
        let names = match deciding.as_slice() {
            [] => return format!("{counts}."),
            [one] => format!("{one} differs"),
            [first @ .., last] => format!("{} and {last} differ", first.join(", ")),
        };
        format!(
            "{counts}; {names}, which usually decides why one token is accepted and the other not."
        )
    }

    /// Both tokens read in full and nothing was added, removed or changed.
    pub fn identical(&self) -> bool {
        !self.incomplete && self.added == 0 && self.removed == 0 && self.changed == 0
    }
}

impl Comparison {
    /// Counts the changes and says which of the usual deciding members differ.
    pub fn summary(&self) -> Summary {
        let sections = [&self.header, &self.claims];
        let total = |change: Change| sections.iter().map(|s| s.count(change)).sum();
        let respelled = sections
            .iter()
            .flat_map(|section| section.rows.iter())
            .filter(|row| row.respelled)
            .count();
        Summary {
            added: total(Change::Added),
            removed: total(Change::Removed),
            changed: total(Change::Changed),
            same: total(Change::Same),
            respelled,
            alg: self.header.differs("alg"),
            kid: self.header.differs("kid"),
            typ: self.header.differs("typ"),
            iss: self.claims.differs("iss"),
            aud: self.claims.differs("aud"),
            incomplete: sections
                .iter()
                .any(|s| s.a_missing.is_some() || s.b_missing.is_some()),
        }
    }
}

/// Compares token A with token B (`None` for an empty box), each decoded part by part: a side
/// whose header or payload does not read adds no rows to that section, and says why.
pub fn compare(a: Option<&Decoded>, b: Option<&Decoded>) -> Comparison {
    let (a_header, a_claims) = parts(a);
    let (b_header, b_claims) = parts(b);
    Comparison {
        header: section(a_header, b_header, false),
        claims: section(a_claims, b_claims, true),
    }
}

/// Compares two JSON objects member by member (a header's or a payload's, however obtained);
/// `times` reads the NumericDate claims as times.
pub fn compare_members(a: &Map<String, Value>, b: &Map<String, Value>, times: bool) -> Vec<Row> {
    let from_a = a
        .iter()
        .map(|(name, value)| row(name, Some(value), b.get(name), times));
    let only_b = b
        .iter()
        .filter(|(name, _)| !a.contains_key(*name))
        .map(|(name, value)| row(name, None, Some(value), times));
    from_a.chain(only_b).collect()
}

/// B − A in words, signed: "+1 h", "−30 s", "+62.5 s", "0 s"; from a day on, also roughly
/// ("+51 h (2 days)"), since hours alone are hard to read.
pub fn difference_words(seconds: f64) -> String {
    let sign = match seconds.partial_cmp(&0.0) {
        Some(Ordering::Greater) => "+",
        Some(Ordering::Less) => "\u{2212}",
        Some(Ordering::Equal) | None => return "0 s".to_owned(),
    };
    let size = seconds.abs();
    let exact = duration_millis(size * 1000.0);
    match size >= 86_400.0 {
        true => format!("{sign}{exact} ({})", duration_words(size)),
        false => format!("{sign}{exact}"),
    }
}

/// Whether two JSON values are the same value: numbers by what they denote, objects whatever
/// their member order.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.to_string(), y.to_string());
            match (decimal(&x), decimal(&y)) {
                (Some(x), Some(y)) => x == y,
                _ => x == y,
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(name, x)| y.get(name).is_some_and(|y| same_value(x, y)))
        }
        _ => a == b,
    }
}

type Members<'a> = Result<&'a Map<String, Value>, Missing>;

/// A token's header and claims, or why each is missing.
fn parts(decoded: Option<&Decoded>) -> (Members<'_>, Members<'_>) {
    let Some(decoded) = decoded else {
        return (Err(Missing::NoToken), Err(Missing::NoToken));
    };
    let header = match &decoded.header {
        Ok(header) => Ok(&header.json),
        Err(err) => Err(Missing::Broken(err.clone())),
    };
    (header, claims(decoded))
}

fn claims(decoded: &Decoded) -> Members<'_> {
    if decoded.form == Ok(Form::Jwe) {
        return Err(Missing::Encrypted);
    }
    let payload = match &decoded.payload {
        Some(Ok(payload)) => payload,
        Some(Err(err)) => return Err(Missing::Broken(err.clone())),
        None => {
            let err = match &decoded.form {
                Err(err) => err.clone(),
                Ok(_) => Error::SegmentCount {
                    found: decoded.segments.len(),
                },
            };
            return Err(Missing::Broken(err));
        }
    };
    match (&payload.view, &payload.problem) {
        (PayloadView::Json(Value::Object(claims)), _) => Ok(claims),
        (_, Some(problem)) => Err(Missing::Broken(problem.clone())),
        (PayloadView::Json(other), None) => Err(Missing::NotClaims {
            found: json_kind(other),
        }),
        (PayloadView::Text(_), None) => Err(Missing::NotClaims { found: "text" }),
        (PayloadView::Binary, None) => Err(Missing::NotClaims {
            found: "binary data",
        }),
    }
}

fn section(a: Members<'_>, b: Members<'_>, times: bool) -> Section {
    let empty = Map::new();
    let rows = compare_members(
        a.as_ref().copied().unwrap_or(&empty),
        b.as_ref().copied().unwrap_or(&empty),
        times,
    );
    Section {
        rows,
        a_missing: a.err(),
        b_missing: b.err(),
    }
}

fn row(name: &str, a: Option<&Value>, b: Option<&Value>, times: bool) -> Row {
    let (a_text, b_text) = (a.map(Value::to_string), b.map(Value::to_string));
    let change = match (a, b) {
        (Some(a), Some(b)) if same_value(a, b) => Change::Same,
        (Some(_), Some(_)) => Change::Changed,
        (Some(_), None) => Change::Removed,
        (None, _) => Change::Added,
    };
    Row {
        name: name.to_owned(),
        change,
        respelled: change == Change::Same && a_text != b_text,
        a: a_text,
        b: b_text,
        time: (times && is_numeric_date(name)).then(|| time_comparison(a, b)),
    }
}

fn time_comparison(a: Option<&Value>, b: Option<&Value>) -> TimeComparison {
    let (a, b) = (a.map(TimeReading::of), b.map(TimeReading::of));
    let seconds = |reading: &Option<TimeReading>| reading.as_ref().and_then(TimeReading::seconds);
    let difference = match (seconds(&a), seconds(&b)) {
        (Some((a, a_millis)), Some((b, b_millis))) if a_millis == b_millis => {
            let seconds = b - a;
            Some(TimeDifference {
                seconds,
                words: difference_words(seconds),
            })
        }
        _ => None,
    };
    TimeComparison { a, b, difference }
}

/// A JSON number's text as (negative, significant digits, exponent): `1.50e1`, `15` and
/// `15.0` are all `(false, "15", 0)`; zero is `(false, "", 0)`. `None` for an exponent too
/// large to count, whose numbers are then compared as text.
fn decimal(text: &str) -> Option<(bool, String, i64)> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let exponent = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return Some((false, String::new(), 0));
    }
    let trimmed = significant.trim_end_matches('0');
    let zeros = i64::try_from(significant.len() - trimmed.len()).ok()?;
    Some((negative, trimmed.to_owned(), exponent.checked_add(zeros)?))
}
