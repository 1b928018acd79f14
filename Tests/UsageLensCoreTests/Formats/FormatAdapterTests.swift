import Testing

@testable import UsageLensCore

@Suite struct FormatAdapterTests {
    @Test func outcomesOfOneLineCombineAsTheLineIsAccounted() {
        // The last malformed message wins, whatever came before or after.
        #expect(RecordOutcome.events(2).then(.malformed("a")) == .malformed("a"))
        #expect(RecordOutcome.malformed("a").then(.events(1)) == .malformed("a"))
        #expect(RecordOutcome.malformed("a").then(.malformed("b")) == .malformed("b"))
        // Events add up, and beat any reason to ignore.
        #expect(RecordOutcome.events(2).then(.events(3)) == .events(5))
        #expect(RecordOutcome.ignored(.noTimestamp).then(.events(1)) == .events(1))
        #expect(RecordOutcome.events(1).then(.ignored(.zeroUsage)) == .events(1))
        // The first reason stands.
        #expect(RecordOutcome.ignored(.noTimestamp).then(.ignored(.zeroUsage)) == .ignored(.noTimestamp))
        #expect(RecordOutcome.passed.then(.ignored(.zeroUsage)) == .ignored(.zeroUsage))
        #expect(RecordOutcome.notMine.then(.notMine) == .notMine)
        #expect(!RecordOutcome.notMine.isClaimed && RecordOutcome.passed.isClaimed)
    }

    @Test func aDocumentFormatSaysNotMineForAnotherFormatsValue() {
        var context = IngestContext()
        var state = NoState()
        let record = JSONValue.object([("prompt_tokens", .int(1)), ("completion_tokens", .int(2))])
        #expect(DistriAdapter.read(record, state: &state, &context) == .notMine)
        #expect(UsageRecordAdapter.read(record, state: &state, &context) == .ignored(.noTimestamp))
        #expect(context.table.count == 0)
    }
}
