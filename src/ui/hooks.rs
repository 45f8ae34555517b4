//! The page's effects, one hook per file: each owns its effect and its clean-up, and the
//! components only call them. Replies come back as actions tagged with the generation they
//! were asked for; the reducer drops stale ones.

pub mod use_clock;
pub mod use_platform_check;
pub mod use_secret_search;
pub mod use_worker_jobs;
