fn main() -> std::process::ExitCode {
    bedrock_lsp::cli::main()
}
