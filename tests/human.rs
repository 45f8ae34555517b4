//! Counts and durations in words, with integer arithmetic: separators every three digits, and
//! each duration in its largest useful units, rounded once.
#![cfg(not(target_arch = "wasm32"))]

use jwt_debugger::jose::human::{count, duration_millis};

#[test]
fn counts_take_a_comma_every_three_digits() {
    assert_eq!(count(103_979), "103,979");
    assert_eq!(count(1_000), "1,000");
    assert_eq!(count(1_234_567), "1,234,567");
    assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
    // The negative twins: no separator where three digits or fewer.
    assert_eq!(count(999), "999");
    assert_eq!(count(0), "0");
    assert_eq!(count(100), "100");
}

#[test]
fn durations_use_their_largest_useful_units() {
    assert_eq!(duration_millis(840.0), "840 ms");
    assert_eq!(duration_millis(62_500.0), "62.5 s");
    assert_eq!(duration_millis(250_000.0), "4 min 10 s");
    assert_eq!(duration_millis(7_500_000.0), "2 h 5 min");
    assert_eq!(duration_millis(1_000.0), "1 s");
    assert_eq!(duration_millis(1_249.0), "1.2 s");
    assert_eq!(duration_millis(1_250.0), "1.3 s");
    assert_eq!(duration_millis(120_000.0), "2 min");
    assert_eq!(duration_millis(3_600_000.0), "1 h");
    assert_eq!(duration_millis(0.4), "0 ms");
}

#[test]
fn rounding_never_shows_a_unit_overflowing_into_the_next() {
    // 999.6 ms rounds to a second, not "1000 ms"; 119.96 s to 2 min, not "120 s".
    assert_eq!(duration_millis(999.6), "1 s");
    assert_eq!(duration_millis(119_960.0), "2 min");
    assert_eq!(duration_millis(3_599_700.0), "1 h");
    assert_eq!(duration_millis(59_990.0), "60 s");
}

#[test]
fn nonsense_durations_read_as_zero() {
    assert_eq!(duration_millis(-5.0), "0 ms");
    assert_eq!(duration_millis(f64::NAN), "0 ms");
    assert_eq!(duration_millis(f64::INFINITY), "0 ms");
    // The twin: a huge finite duration is still hours, without overflow.
    assert!(duration_millis(1e300).contains(" h"));
}

#[test]
fn a_local_time_is_written_with_its_offset_from_utc() {
    use jwt_debugger::jose::claims::time::local_time;
    // 2023-11-14T22:13:20Z.
    let seconds = 1_700_000_000.0;
    assert_eq!(
        local_time(seconds, 0).as_deref(),
        Some("2023-11-14 22:13:20 UTC+00:00")
    );
    assert_eq!(
        local_time(seconds, 60).as_deref(),
        Some("2023-11-14 23:13:20 UTC+01:00")
    );
    // Across midnight, and a zone west of UTC with half an hour in it.
    assert_eq!(
        local_time(seconds, 330).as_deref(),
        Some("2023-11-15 03:43:20 UTC+05:30")
    );
    assert_eq!(
        local_time(seconds, -570).as_deref(),
        Some("2023-11-14 12:43:20 UTC-09:30")
    );
    // Out of range stays out of range rather than wrapping.
    assert_eq!(local_time(1e15, 0), None);
}
