import ArgumentParser
import UsageLensCore

/// The zone and range of a report.
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("IANA time zone for buckets and dates (default: the system zone).", valueName: "zone"))
    var tz: String?

    @Option(help: ArgumentHelp("Start: a local date (inclusive) or an RFC 3339 instant.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("End: a local date (inclusive) or an RFC 3339 instant (exclusive).", valueName: "date"))
    var until: String?

    @OptionGroup(title: "Filter options") var dimensions: FilterOptions

    /// The filter these options describe, with dates resolved in `calendar`.
    func filter(_ calendar: LocalCalendar) throws -> EventFilter {
        try ReportPlan.filter(
            since: since, until: until, calendar: calendar, models: dimensions.model, providers: dimensions.provider,
            projects: dimensions.project, sessions: dimensions.session,
            extras: [
                .user: dimensions.user, .department: dimensions.department, .agent: dimensions.agent,
                .thread: dimensions.thread, .account: dimensions.account,
            ])
    }
}
