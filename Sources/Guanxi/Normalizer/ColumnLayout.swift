/// How wide the lines of a text usually are, to tell a paragraph's last line
/// from a line the PDF column merely wrapped.
///
/// Column dumps have most lines about the column width (12–20 CJK characters); a
/// line clearly shorter than that which ends a sentence ends a paragraph. Pages
/// dumped one paragraph per line have a typical width far beyond any column.
struct ColumnLayout: Sendable, Hashable {
    /// Median line width, in half-width units.
    var typicalWidth: Int

    /// Consumes `widths`: a caller's last use of them is selected in place.
    init(widths: consuming [Int]) {
        typicalWidth = widths.isEmpty ? 0 : Self.element(widths.count / 2, ofSorted: widths)
    }

    /// The element at index `k` of `values` once sorted, found by selection
    /// (Hoare's quickselect, middle pivot) in O(n) on average rather than a
    /// full O(n log n) sort: every page and every story asks for its median.
    static func element(_ k: Int, ofSorted values: consuming [Int]) -> Int {
        var v = values  // no copy when the caller gave up its array
        var low = 0
        var high = v.count - 1
        while low < high {
            let pivot = v[low + (high - low) / 2]
            var i = low
            var j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now v[low...j] <= pivot <= v[i...high], and v[j+1..<i] == pivot.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return v[k]
            }
        }
        return v[k]
    }

    /// Lines are whole paragraphs (typical width above 30 CJK characters).
    var isParagraphPerLine: Bool { typicalWidth > 60 }

    /// A line this wide is clearly shorter than the column (below 85 % of it).
    func isShort(_ width: Int) -> Bool { width * 100 < typicalWidth * 85 }
}
