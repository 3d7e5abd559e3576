import CLibXML2
import Foundation

/// Checks a GraphML file against the GraphML XSD, or a GEXF file against the
/// GEXF 1.3 RelaxNG schema, in-process with libxml2 (the engine `xmllint`
/// uses), offline (`XML_PARSE_NONET`), collecting messages through libxml2's
/// structured error handlers instead of printing them.
///
/// Schemas are looked up in, in order: the given folder, `$GUANXI_SCHEMAS`,
/// `schemas/` in the current directory or any folder above the running
/// executable (the repository for `swift build` binaries), `../shared/specs`.
///
/// ```swift
/// let format = try SchemaValidator().validate(path: "seeds.graphml")  // .graphml, or throws .invalid
/// ```
///
/// - Complexity: O(file size); the schema is parsed once per call.
public struct SchemaValidator: Sendable {
    /// A folder holding `graphml/graphml.xsd` and `gexf-1.3/gexf.rng`.
    public var schemaDirectory: String?

    public init(schemaDirectory: String? = nil) { self.schemaDirectory = schemaDirectory }

    /// Folders searched for schemas, in order.
    public func candidateDirectories() -> [String] {
        var dirs: [String] = []
        if let schemaDirectory { dirs.append(schemaDirectory) }
        if let env = ProcessInfo.processInfo.environment["GUANXI_SCHEMAS"] { dirs.append(env) }
        let cwd = FileManager.default.currentDirectoryPath
        dirs.append(cwd + "/schemas")
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? cwd).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            dirs.append(dir.appendingPathComponent("schemas").path)
            dir = dir.deletingLastPathComponent()
        }
        dirs.append(cwd + "/../shared/specs")
        return dirs
    }

    /// The schema file for `format` (`graphml/graphml.xsd`, `gexf-1.3/gexf.rng`).
    ///
    /// - Throws: ``ExportError/Code/schemaMissing`` listing where it looked.
    public func schemaPath(for format: ExportFormat) throws -> String {
        let relative: String
        switch format {
        case .graphml: relative = "graphml/graphml.xsd"
        case .gexf: relative = "gexf-1.3/gexf.rng"
        default:
            throw ExportError(.unknownFormat, path: format.rawValue, "only GraphML and GEXF files can be validated")
        }
        let dirs = candidateDirectories()
        if let found = dirs.map({ $0 + "/" + relative }).first(where: { FileManager.default.fileExists(atPath: $0) }) {
            return found
        }
        throw ExportError(
            .schemaMissing, path: relative,
            "schema not found; give --schema-dir DIR (the repository's schemas/ folder) or set GUANXI_SCHEMAS; looked in "
                + dirs.joined(separator: ", "))
    }

    /// Validates the file at `path`, choosing the schema from its root element
    /// (`<graphml>` or `<gexf>`).
    ///
    /// - Returns: the format recognised.
    /// - Throws: ``ExportError`` — ``ExportError/Code/invalid`` with every
    ///   problem and its line, ``ExportError/Code/unreadable`` for a missing or
    ///   malformed file, ``ExportError/Code/schemaMissing``.
    @discardableResult
    public func validate(path: String) throws -> ExportFormat {
        let collector = ProblemCollector()
        xmlInitParser()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(context, problemHandler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ExportError(.unreadable, path: path, "no such file, or it is not readable")
        }
        guard let doc = xmlReadFile(path, nil, Int32(XML_PARSE_NONET.rawValue)) else {
            throw ExportError(.unreadable, path: path, "not well-formed XML", problems: collector.problems)
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), let name = root.pointee.name else {
            throw ExportError(.unknownFormat, path: path, "the document has no root element")
        }
        let rootName = String(cString: name)
        let format: ExportFormat
        switch rootName {
        case "graphml": format = .graphml
        case "gexf": format = .gexf
        default:
            throw ExportError(.unknownFormat, path: path, "root element <\(rootName)> is neither <graphml> nor <gexf>")
        }
        let schema = try schemaPath(for: format)
        collector.problems.removeAll()
        let result: Int32
        if format == .graphml {
            result = validateXSD(doc, schema: schema, context: context, collector: collector)
        } else {
            result = validateRelaxNG(doc, schema: schema, context: context, collector: collector)
        }
        if result == 0 { return format }
        if result < 0 {
            throw ExportError(
                .schemaMissing, path: schema, "libxml2 could not load the schema", problems: collector.problems)
        }
        let n = collector.problems.count
        throw ExportError(
            .invalid, path: path,
            "does not conform to \((schema as NSString).lastPathComponent): \(n) problem\(n == 1 ? "" : "s")"
                + (collector.problems.first.map { ", first: \($0)" } ?? ""),
            problems: collector.problems)
    }

    private func validateXSD(
        _ doc: xmlDocPtr, schema: String, context: UnsafeMutableRawPointer, collector: ProblemCollector
    ) -> Int32 {
        guard let parser = xmlSchemaNewParserCtxt(schema) else { return -1 }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, problemHandler, context)
        guard let parsed = xmlSchemaParse(parser) else { return -1 }
        defer { xmlSchemaFree(parsed) }
        guard let valid = xmlSchemaNewValidCtxt(parsed) else { return -1 }
        defer { xmlSchemaFreeValidCtxt(valid) }
        xmlSchemaSetValidStructuredErrors(valid, problemHandler, context)
        return xmlSchemaValidateDoc(valid, doc)
    }

    private func validateRelaxNG(
        _ doc: xmlDocPtr, schema: String, context: UnsafeMutableRawPointer, collector: ProblemCollector
    ) -> Int32 {
        guard let parser = xmlRelaxNGNewParserCtxt(schema) else { return -1 }
        defer { xmlRelaxNGFreeParserCtxt(parser) }
        xmlRelaxNGSetParserStructuredErrors(parser, problemHandler, context)
        guard let parsed = xmlRelaxNGParse(parser) else { return -1 }
        defer { xmlRelaxNGFree(parsed) }
        guard let valid = xmlRelaxNGNewValidCtxt(parsed) else { return -1 }
        defer { xmlRelaxNGFreeValidCtxt(valid) }
        xmlRelaxNGSetValidStructuredErrors(valid, problemHandler, context)
        let result = xmlRelaxNGValidateDoc(valid, doc)
        return result != 0 && collector.problems.isEmpty ? -1 : result
    }
}

/// Receives libxml2's structured errors for one validation.
private final class ProblemCollector {
    var problems: [ExportError.Problem] = []
}

private func problemHandler(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) } ?? "unknown problem"
    guard collector.problems.count < 1_000 else { return }
    collector.problems.append(
        ExportError.Problem(
            line: Int(error.pointee.line), message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
}
