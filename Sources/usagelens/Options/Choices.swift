import ArgumentParser
import UsageLensCore

extension CostMode: ExpressibleByArgument {}
extension WeekStart: ExpressibleByArgument {}
extension RankMeasure: ExpressibleByArgument {}
