//! The `usher` binary: parse the command line, run it, map the outcome to an exit code.

/// mimalloc: loading a large programme makes hundreds of thousands of small allocations, which it serves
/// markedly faster than the system allocator (see the `conference/load` benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    usher::cli::main()
}
