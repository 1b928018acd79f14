import ArgumentParser

/// Which events count: exact matches on dimensions, each repeatable (any of the values matches).
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this model (normalised: claude-sonnet-4-5-20250929 matches claude-sonnet-4-5).", valueName: "model"))
    var model: [String] = []

    @Option(help: ArgumentHelp("Only this provider (aliases allowed: claude, codex, gemini).", valueName: "provider"))
    var provider: [String] = []

    @Option(help: ArgumentHelp("Only this project: its path (cwd) or the path's last component.", valueName: "project"))
    var project: [String] = []

    @Option(help: ArgumentHelp("Only this session id.", valueName: "id"))
    var session: [String] = []

    @Option(help: ArgumentHelp("Only this user (user_id, LiteLLM user).", valueName: "id"))
    var user: [String] = []

    @Option(help: ArgumentHelp("Only this department (department_id, LiteLLM team).", valueName: "id"))
    var department: [String] = []

    @Option(help: ArgumentHelp("Only this agent (agent_name, agent_id).", valueName: "name"))
    var agent: [String] = []

    @Option(help: ArgumentHelp("Only this thread (thread_id).", valueName: "id"))
    var thread: [String] = []

    @Option(help: ArgumentHelp("Only this account (account, LiteLLM API key hash).", valueName: "id"))
    var account: [String] = []
}
