/// Recognizes the weather box a page prints at its top or bottom.
///
/// A weather line is short and names the weather. Strong words (`多云`, `气温`,
/// `寒潮`, `气象`, `℃` …) say so on their own; weak ones (`雨`, `晴`, `阴`, `风` …)
/// also occur in stories (`作风`, `元宵清风`), so a run of weather lines needs at
/// least one strong word and three hits in all.
struct WeatherDetector: Sendable {
    private static let strong = words([
        "多云", "晴转", "转晴", "转阴", "阵雨", "小雨", "中雨", "大雨", "暴雨", "雨雪", "雷雨", "雨夹雪",
        "气温", "高温", "低温", "寒潮", "降温", "升温", "气象", "天气", "℃", "摄氏度", "冷空气", "降水",
        "霜冻", "台风", "风力", "级风",
    ])
    private static let weak = words(["雨", "晴", "阴", "雪", "风", "云", "雾", "霾", "冷", "暖", "冻"])
    /// The scalars a strong or weak word starts with: no word starts elsewhere.
    private static let wordStarts = ScalarSet((strong + weak).map { $0[0] })

    private static func words(_ list: [String]) -> [[Unicode.Scalar]] { list.map { Array($0.unicodeScalars) } }

    /// Longest weather line, in non-space scalars.
    var maximumLength = 30

    init() {}

    /// Weather words on the line `scalars[range]`: (strong, weak) hit counts; (0, 0)
    /// when the line is too long to sit in a weather box.
    func hits(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> (strong: Int, weak: Int) {
        var length = 0
        for i in range where !ScalarClass.isWhitespace(scalars[i]) { length += 1 }
        guard length <= maximumLength else { return (0, 0) }
        var strong = 0
        var weak = 0
        var i = range.lowerBound
        while i < range.upperBound {
            if !Self.wordStarts.contains(scalars[i]) {
                i += 1
            } else if let w = Self.strong.first(where: { scalars.matches($0, at: i, before: range.upperBound) }) {
                strong += 1
                i += w.count
            } else if Self.weak.contains(where: { scalars.matches($0, at: i, before: range.upperBound) }) {
                weak += 1
                i += 1
            } else {
                i += 1
            }
        }
        return (strong, weak)
    }

    /// Whether lines with these hits together make a weather box.
    func isWeather(_ lines: [(strong: Int, weak: Int)]) -> Bool {
        let strong = lines.reduce(0) { $0 + $1.strong }
        let weak = lines.reduce(0) { $0 + $1.weak }
        return strong >= 1 && strong + weak >= 3
    }
}
