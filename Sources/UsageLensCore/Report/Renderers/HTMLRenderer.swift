/// One self-contained HTML page: no network (no fonts, scripts or styles from elsewhere), readable with scripts
/// off (every chart is inline SVG whose tooltips are `<title>` elements), printable.
///
/// The report page (`usagelens report`) is drawn in full; any other report is its table on a plain page, a
/// dashboard its text on one; a response is written as it is, as by every renderer.
public struct HTMLRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: some RenderableReport, in context: RenderContext, to stream: inout some TextOutputStream) {
        switch report.body(in: context) {
        case .page(let page):
            stream.write(Self.document(title: "LLM usage report", body: Self.page(page, in: context)))
        case .document(_, let tabular):
            let t = tabular()
            stream.write(Self.document(title: t.title ?? "usagelens", body: "<main>" + HTMLText.table(t) + "</main>"))
        case .dashboard(_, let text):
            stream.write(Self.document(title: "usagelens", body: "<main><pre>\(HTMLText.escape(text()))</pre></main>"))
        case .records(let columns, let count, let record):
            let t = Tabular(columns: columns, count: count, record: record)
            stream.write(Self.document(title: "usagelens export", body: "<main>" + HTMLText.table(t) + "</main>"))
        case .response(let text): stream.write(text)
        }
    }

    /// The page around `body`: the style sheet (screen and print) and the tooltip script, both inline.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="usagelens">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(styleSheet)
        </style>
        </head>
        <body>
        \(body)
        <script>
        \(tooltipScript)
        </script>
        </body>
        </html>

        """
    }

    /// The page's styles: system fonts only, tabular figures, a print layout on A4.
    static let styleSheet = """
        :root { --ink: #1d2329; --muted: #5b6670; --line: #dde2e7; --paper: #ffffff; --back: #f3f5f7; --accent: #0072B2; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--back); color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 40px; }
        header.top h1 { font-size: 26px; margin: 0 0 2px; letter-spacing: -0.01em; }
        header.top p { margin: 0; color: var(--muted); }
        section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 18px 0; }
        section h2 { font-size: 17px; margin: 0 0 4px; }
        section p.sub { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin: 18px 0; }
        .figure { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
        .figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
        .figure .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; margin-top: 2px; }
        .figure .detail { color: var(--muted); font-size: 13px; margin-top: 2px; font-variant-numeric: tabular-nums; }
        .figure.warn { border-color: #E69F00; background: #FFF8EA; }
        dl.kinds { display: grid; grid-template-columns: auto auto; gap: 0 12px; margin: 4px 0 0; font-size: 13px; font-variant-numeric: tabular-nums; }
        dl.kinds dt { color: var(--muted); white-space: nowrap; } dl.kinds dd { margin: 0; text-align: right; }
        svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
        svg.chart .axis text { fill: var(--muted); }
        svg.chart .axis line { stroke: var(--line); }
        svg.chart .axis.x line { stroke: #9aa4ad; }
        svg.chart .axis.y2 text { fill: var(--ink); }
        svg.chart .hit { fill: transparent; }
        svg.chart .bar:hover rect:not(.hit):not(.highlight) { opacity: 0.8; }
        svg.chart .highlight { fill: none; stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 3 2; }
        svg.chart .limit line { stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg.chart .cumulative { stroke-width: 2; }
        svg.heat { max-width: 960px; }
        svg.heat rect:hover { stroke: var(--ink); stroke-width: 1.5; }
        .legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
        .legend li { display: flex; align-items: center; gap: 6px; }
        .swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; }
        .swatch.line { height: 2px; border-radius: 0; }
        .small-multiples { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 8px 24px; }
        .small-multiples h3 { font-size: 13px; margin: 6px 0 0; color: var(--muted); font-weight: 600; }
        table.data { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
        table.data th, table.data td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.data thead th { color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap; }
        table.data tfoot th, table.data tfoot td { font-weight: 650; border-top: 2px solid var(--line); border-bottom: none; }
        table.data .num { text-align: right; white-space: nowrap; }
        table.data td:first-child { word-break: break-word; }
        table.data:not(.current) td:nth-child(2) { white-space: nowrap; }
        .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 18px; }
        .columns section { margin: 0; }
        .window { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr); gap: 18px; align-items: start; margin-top: 12px; }
        .window h3 { font-size: 15px; margin: 0 0 6px; }
        .status-ok { color: #00734F; } .status-warning { color: #A66A00; } .status-exceeds { color: #B33D00; font-weight: 650; }
        p.note, p.empty { color: var(--muted); font-size: 13px; }
        footer { color: var(--muted); font-size: 12.5px; margin-top: 24px; }
        footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
        footer dt { font-weight: 600; } footer dd { margin: 0; word-break: break-word; }
        .tip { position: absolute; z-index: 10; pointer-events: none; background: #1d2329; color: #fff; font-size: 12.5px; padding: 6px 9px; border-radius: 6px; max-width: 360px; white-space: pre-line; box-shadow: 0 2px 8px rgba(0,0,0,.2); display: none; }
        @media (max-width: 700px) { .window { grid-template-columns: 1fr; } .small-multiples, .columns { grid-template-columns: 1fr; } }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { background: #fff; font-size: 11px; }
          main { max-width: none; padding: 0; }
          section, .figure { border-color: #bbb; break-inside: avoid; }
          .small-multiples, .columns { grid-template-columns: 1fr 1fr; }
          .window { grid-template-columns: 3fr 2fr; }
          .tip { display: none !important; }
        }
        """

    /// The one script: moves each chart element's `<title>` into a styled tooltip that follows the pointer
    /// (without it, the browser shows the titles itself).
    static let tooltipScript = """
        (function () {
          var tip = document.createElement("div");
          tip.className = "tip";
          document.body.appendChild(tip);
          document.querySelectorAll("svg.chart title").forEach(function (t) {
            t.parentNode.setAttribute("data-tip", t.textContent);
            t.parentNode.removeChild(t);
          });
          document.addEventListener("mousemove", function (e) {
            var target = e.target.closest ? e.target.closest("[data-tip]") : null;
            if (!target) { tip.style.display = "none"; return; }
            tip.textContent = target.getAttribute("data-tip");
            tip.style.display = "block";
            var x = e.pageX + 14, room = window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8;
            tip.style.left = Math.min(x, room) + "px";
            tip.style.top = (e.pageY + 14) + "px";
          });
        })();
        """
}
