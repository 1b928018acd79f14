/// A string dimension of events, for filters (`--user`), grouping (`top users`) and exports.
public enum Dimension: String, CaseIterable, Sendable {
    case user, department, project, agent, thread, account, session, model

    /// The plural used on the command line (`top users`).
    public var plural: String { rawValue + "s" }

    public init?(plural: String) {
        guard let d = Dimension.allCases.first(where: { $0.plural == plural || $0.rawValue == plural }) else { return nil }
        self = d
    }

    /// The string code of row `i` in this dimension; for `model`, the raw logged model (group by the resolved
    /// model through `PricedEvents` instead).
    @inline(__always) public func code(_ t: UsageTable, _ i: Int) -> UInt32 {
        switch self {
        case .project: return t.project[i]
        case .session: return t.session[i]
        case .model: return t.model[i]
        case .user: return t.extras(i).user
        case .department: return t.extras(i).department
        case .agent: return t.extras(i).agent
        case .thread: return t.extras(i).thread
        case .account: return t.extras(i).account
        }
    }
}
