/// Everything the HTML report (`usagelens report`) shows, computed by the group-by kernels over the rows the
/// run's filters keep: a page is a set of ordinary reports, drawn by `HTMLRenderer`.
///
/// In the text formats a page is its model table, in JSON its model report: the page adds pictures, not numbers.
public struct UsagePage: RenderableReport {
    /// How the page was made, for its footer.
    public struct Provenance: Sendable {
        /// The paths as typed (empty: the default log folders).
        public var inputs: [String]
        /// Files read, their bytes and lines, and what became of the lines.
        public var files: Int
        public var bytes: Int64
        public var lines: Int
        public var malformedLines: Int
        public var ignoredLines: Int
        public var duplicateEvents: Int
        /// The built-in price table's source, and the override file when one was given.
        public var priceSource: String
        public var pricingFile: String?
        public var costMode: String
        /// usagelens's version.
        public var version: String

        public init(
            inputs: [String], accounts: [FileAccount], duplicateEvents: Int, priceSource: String, pricingFile: String?,
            costMode: String, version: String
        ) {
            self.inputs = inputs
            files = accounts.count
            bytes = accounts.reduce(0) { $0 + $1.bytes }
            lines = accounts.reduce(0) { $0 + $1.lines }
            malformedLines = accounts.reduce(0) { $0 + $1.malformed }
            ignoredLines = accounts.reduce(0) { $0 + $1.ignored }
            self.duplicateEvents = duplicateEvents
            self.priceSource = priceSource
            self.pricingFile = pricingFile
            self.costMode = costMode
            self.version = version
        }
    }

    /// Usage per local day, with each day's models.
    public var days: BucketReport
    /// Usage per provider and model (the page's totals are this report's).
    public var models: ModelReport
    /// Usage per project, most expensive first.
    public var projects: TopReport
    /// The most expensive sessions.
    public var sessions: SessionReport
    /// Usage per local weekday and hour.
    public var weekHours: WeekHourGrid
    /// The rolling windows of each provider, checked against the limits given.
    public var blocks: BlockReport
    /// The window length, in hours.
    public var windowHours: Double
    public var provenance: Provenance

    public init(
        days: BucketReport, models: ModelReport, projects: TopReport, sessions: SessionReport, weekHours: WeekHourGrid,
        blocks: BlockReport, windowHours: Double, provenance: Provenance
    ) {
        self.days = days
        self.models = models
        self.projects = projects
        self.sessions = sessions
        self.weekHours = weekHours
        self.blocks = blocks
        self.windowHours = windowHours
        self.provenance = provenance
    }

    public func body(in context: RenderContext) -> ReportBody { .page(self) }
}
