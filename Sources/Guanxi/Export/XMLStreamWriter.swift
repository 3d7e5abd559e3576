import CLibXML2

/// A thin wrapper over libxml2's `xmlTextWriter` that streams into an
/// ``ExportSink``: libxml2 escapes text and attributes (`&`, `<`, `"`, and
/// control characters as character references) and checks nesting.
///
/// The first failing call is turned into an ``ExportError`` on the sink.
final class XMLStreamWriter {
    private let writer: xmlTextWriterPtr
    private let sink: ExportSink
    private var failed = false

    init(sink: ExportSink, indent: Bool = true) throws {
        xmlInitParser()
        self.sink = sink
        let context = Unmanaged.passUnretained(sink).toOpaque()
        guard
            let output = xmlOutputBufferCreateIO(
                { context, buffer, length in
                    guard let context, let buffer, length > 0 else { return 0 }
                    let sink = Unmanaged<ExportSink>.fromOpaque(context).takeUnretainedValue()
                    sink.write(bytes: UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                    return length
                }, { _ in 0 }, context, nil),
            let writer = xmlNewTextWriter(output)
        else {
            throw ExportError(.xmlWriter, path: sink.path, "libxml2 could not create a writer (out of memory?)")
        }
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString {
                xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
            }
        }
    }

    deinit { xmlFreeTextWriter(writer) }

    @inline(__always)
    private func check(_ code: Int32, _ what: @autoclosure () -> String) {
        if code < 0, !failed {
            failed = true
            sink.fail(ExportError(.xmlWriter, path: sink.path, "libxml2 refused to write \(what())"))
        }
    }

    @inline(__always)
    private func x<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
        s.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }

    func startDocument() {
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
    }

    func start(_ name: String) {
        check(x(name) { xmlTextWriterStartElement(writer, $0) }, "<\(name)>")
    }

    /// Starts an element in a namespace (`viz:color`): `prefix` and `uri` as
    /// libxml2's `xmlTextWriterStartElementNS` takes them (the URI only on the
    /// element that declares it).
    func start(prefix: String, _ name: String) {
        check(x(prefix) { p in x(name) { xmlTextWriterStartElementNS(writer, p, $0, nil) } }, "<\(prefix):\(name)>")
    }

    /// Values pass through ``TextEscaping/xml(_:)``: characters XML 1.0
    /// forbids become U+FFFD (libxml2 would write them as they are).
    func attribute(_ name: String, _ value: String) {
        check(
            x(name) { n in x(TextEscaping.xml(value)) { xmlTextWriterWriteAttribute(writer, n, $0) } },
            "attribute \(name)")
    }

    func text(_ value: String) {
        check(x(TextEscaping.xml(value)) { xmlTextWriterWriteString(writer, $0) }, "text")
    }

    /// `<name>value</name>`.
    func element(_ name: String, _ value: String) {
        check(x(name) { n in x(TextEscaping.xml(value)) { xmlTextWriterWriteElement(writer, n, $0) } }, "<\(name)>")
    }

    func end() {
        check(xmlTextWriterEndElement(writer), "an end tag")
    }

    /// Closes every open element and flushes libxml2's buffer into the sink.
    func endDocument() {
        check(xmlTextWriterEndDocument(writer), "the end of the document")
        check(xmlTextWriterFlush(writer), "the last bytes")
    }
}
