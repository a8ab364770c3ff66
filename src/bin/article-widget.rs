fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    #[cfg(not(target_arch = "wasm32"))] // script-convert CLI: `convert`, `dict`
    if matches!(args.first().map(String::as_str), Some("convert" | "dict")) {
        return script_convert::cli::main(&args);
    }
    let _ = args;
    std::process::ExitCode::SUCCESS
}
