//! The `orm` command line: parses arguments with clap, runs one command, maps the outcome to an exit code.
//!
//! Exit codes (documented in README.md):
//! - `0`: success.
//! - `1`: a user-facing error: invalid schema, failed or edited migration, database not up to date,
//!   unreachable database, file that would change under `format --check`.
//! - `2`: a usage error reported by clap (unknown flag, missing argument).
//! - `101`: an internal bug (a panic, or an error a library reports as its own fault).

mod args;
mod backend;
mod commands;
mod env;
mod fsutil;
mod report;
mod schema_files;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::report::{Bug, Reported};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // `--help` and `--version` are "errors" to clap but succeed for the user.
            let _ = err.print();
            return if err.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        eprintln!("error: internal error in `orm`; this is a bug, please report it with the message above");
    }));
    match std::panic::catch_unwind(move || commands::run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(err)) => exit_for_error(&err),
        Err(_) => ExitCode::from(101),
    }
}

/// Prints `err` (unless it was already reported) and returns 101 for [`Bug`], else 1.
fn exit_for_error(err: &anyhow::Error) -> ExitCode {
    if err.downcast_ref::<Reported>().is_none() {
        report::print_error(err);
    }
    if err.chain().any(|cause| cause.downcast_ref::<Bug>().is_some()) {
        ExitCode::from(101)
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bugs_exit_101_and_user_errors_exit_1() {
        let bug = anyhow::Error::new(Bug("codegen produced invalid Rust".into()))
            .context("generator `client` failed");
        assert_eq!(exit_for_error(&bug), ExitCode::from(101));
        assert_eq!(exit_for_error(&anyhow::anyhow!("no schema found")), ExitCode::from(1));
        assert_eq!(exit_for_error(&Reported.into()), ExitCode::from(1));
    }
}
