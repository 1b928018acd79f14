import ArgumentParser
import UsageLensCore

extension CostMode: ExpressibleByArgument {}
extension WeekStart: ExpressibleByArgument {}
extension RankMeasure: ExpressibleByArgument {}

/// When a run shows how far its reading has got, on stderr.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    /// When stderr is a terminal.
    case auto
    case always
    case never
}
