//! Numbers and durations as people read them ("103,979", "4 min 10 s"), with integer
//! arithmetic only: the page leaves Rust's float printer out for size.

/// A count with thousands separators: `103979` is "103,979".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A duration given in milliseconds, in its largest useful units: "840 ms", "62.5 s",
/// "4 min 10 s", "2 h 5 min". Negative and non-finite durations read as zero.
pub fn duration_millis(ms: f64) -> String {
    let ms = match ms.is_finite() {
        // Rounded to the nearest millisecond; `as` saturates a huge value.
        true => (ms.max(0.0) + 0.5) as u64,
        false => 0,
    };
    if ms < 1000 {
        return format!("{ms} ms");
    }
    // Tenths of a second, rounded half up.
    let tenths = ms.saturating_add(50) / 100;
    if tenths < 1200 {
        return match tenths % 10 {
            0 => format!("{} s", tenths / 10),
            tenth => format!("{}.{tenth} s", tenths / 10),
        };
    }
    let seconds = ms.saturating_add(500) / 1000;
    if seconds < 3600 {
        return match seconds % 60 {
            0 => format!("{} min", seconds / 60),
            rest => format!("{} min {rest} s", seconds / 60),
        };
    }
    let minutes = seconds.saturating_add(30) / 60;
    match minutes % 60 {
        0 => format!("{} h", minutes / 60),
        rest => format!("{} h {rest} min", minutes / 60),
    }
}
