fn main() -> std::process::ExitCode {
    carto_mcp::main()
}
