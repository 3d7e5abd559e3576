/// The text columns of one document's rows (its page text, article bodies,
/// names, JSON columns), back to back in one UTF-8 buffer.
///
/// Made on the extraction worker with the rest of the rows; the writing
/// thread binds each column as a range of it, without a copy. No `String`
/// is built for a column that is made here, so none is validated either:
/// before, the writer copied every bound text and the workers built a
/// `String` for every JSON column.
struct RowText: Sendable {
    /// A column's place in the buffer.
    struct Column: Sendable, Equatable {
        var start: Int
        var count: Int
    }

    private var writer: JSONWriter

    /// An empty buffer with room for `capacity` bytes.
    init(reservingCapacity capacity: Int) {
        writer = JSONWriter(reservingCapacity: capacity)
    }

    /// `text` as a column.
    mutating func add(_ text: String) -> Column {
        column { $0.raw(text) }
    }

    /// The text of `scalars` as a column.
    mutating func add(scalars: [Unicode.Scalar]) -> Column {
        column { $0.raw(scalars: scalars) }
    }

    /// A JSON value as a column: `write` writes one complete value.
    mutating func addJSON(_ write: (inout JSONWriter) -> Void) -> Column {
        column { w in
            write(&w)
            w.endValue()
        }
    }

    /// The buffer, handed over (the columns index into it).
    mutating func take() -> [UInt8] { writer.takeUTF8() }

    private mutating func column(_ write: (inout JSONWriter) -> Void) -> Column {
        let start = writer.byteCount
        write(&writer)
        return Column(start: start, count: writer.byteCount - start)
    }
}
