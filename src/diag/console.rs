//! Lines for the terminal that a closed reader does not turn into a crash. The standard
//! library's `println!` panics when its pipe is gone (`plansite translations | head`, a pager
//! quit early): [`outln!`](crate::outln) and [`errln!`](crate::errln) write the same line and
//! drop it when the reader has gone, so the command still finishes its work (a build its swap,
//! never a half-written site) and exits with its own code.

use std::fmt::Arguments;
use std::io::Write;

/// Writes `args` to standard output; a failed write (the reader gone) is dropped.
#[doc(hidden)]
pub fn write_out(args: Arguments<'_>) {
    let _ = std::io::stdout().lock().write_fmt(args);
}

/// Writes `args` to standard error; a failed write (the reader gone) is dropped.
#[doc(hidden)]
pub fn write_err(args: Arguments<'_>) {
    let _ = std::io::stderr().lock().write_fmt(args);
}

/// `println!` that does not panic when standard output is closed (see the module).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::diag::console::write_out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` that does not panic when standard output is closed (see the module).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::diag::console::write_out(format_args!($($arg)*)) };
}

/// `eprintln!` that does not panic when standard error is closed (see the module).
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::diag::console::write_err(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` that does not panic when standard error is closed (see the module).
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => { $crate::diag::console::write_err(format_args!($($arg)*)) };
}

// Within the crate the macros are named here (`crate::diag::console::outln`), not at the
// crate's root where `#[macro_export]` also puts them (for the binary): a stage that prints
// then depends on `diag`, below it, as with `msg!`.
pub(crate) use {errln, out, outln};
