import CPoppler

/// The only place guanxi calls poppler-glib: opens a PDF from bytes and lists, per
/// page, each character with its box and font size, and the pictures' boxes.
enum PopplerAdapter {
    /// Why poppler would not open a document.
    enum OpenFailure: Error {
        case encrypted
        case damaged(String)
    }

    /// One opened document; pages are read one at a time.
    final class Document {
        fileprivate let handle: OpaquePointer
        /// The bytes poppler reads from, kept alive as long as the document.
        private let bytes: OpaquePointer

        fileprivate init(handle: OpaquePointer, bytes: OpaquePointer) {
            self.handle = handle
            self.bytes = bytes
        }

        deinit {
            g_object_unref(UnsafeMutableRawPointer(handle))
            g_bytes_unref(bytes)
        }

        var pageCount: Int { Int(poppler_document_get_n_pages(handle)) }

        /// Page `index`'s size in points, characters and pictures; nil if poppler has no such page.
        func page(_ index: Int) -> (width: Double, height: Double, content: PDFPageContent)? {
            guard let page = poppler_document_get_page(handle, Int32(index)) else { return nil }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var width = 0.0
            var height = 0.0
            poppler_page_get_size(page, &width, &height)
            return (width, height, PDFPageContent(index: index, glyphs: glyphs(page), pictures: pictures(page)))
        }

        /// Renders page `index` at `dpi` into a grey-on-white PNG file at `path`; whether it worked.
        func renderPNG(_ index: Int, dpi: Double, to path: String) -> Bool {
            guard let page = poppler_document_get_page(handle, Int32(index)) else { return false }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var width = 0.0
            var height = 0.0
            poppler_page_get_size(page, &width, &height)
            let scale = dpi / 72
            let w = Int32(min(20_000, max(1, (width * scale).rounded(.up))))
            let h = Int32(min(20_000, max(1, (height * scale).rounded(.up))))
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { return false }
            defer { cairo_surface_destroy(surface) }
            guard let cr = cairo_create(surface) else { return false }
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_scale(cr, scale, scale)
            poppler_page_render(page, cr)
            cairo_destroy(cr)
            return cairo_surface_write_to_png(surface, path) == CAIRO_STATUS_SUCCESS
        }

        private func glyphs(_ page: OpaquePointer) -> [PDFGlyph] {
            guard let cText = poppler_page_get_text(page) else { return [] }
            defer { g_free(cText) }
            let scalars = Array(String(cString: cText).unicodeScalars)
            var rectangles: UnsafeMutablePointer<PopplerRectangle>?
            var count: guint = 0
            guard poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles else { return [] }
            defer { g_free(rectangles) }
            // Font size per character, from the attribute runs.
            var sizes = [Double](repeating: 0, count: scalars.count)
            if let attributes = poppler_page_get_text_attributes(page) {
                var node: UnsafeMutablePointer<GList>? = attributes
                while let n = node {
                    if let raw = n.pointee.data {
                        let a = raw.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                        let lower = max(0, Int(a.start_index))
                        let upper = min(scalars.count - 1, Int(a.end_index))
                        if lower <= upper { for k in lower...upper { sizes[k] = a.font_size } }
                    }
                    node = n.pointee.next
                }
                poppler_page_free_text_attributes(attributes)
            }
            let n = min(scalars.count, Int(count))
            var glyphs: [PDFGlyph] = []
            glyphs.reserveCapacity(n)
            for k in 0..<n {
                let r = rectangles[k]
                let box = PDFBox(x0: min(r.x1, r.x2), y0: min(r.y1, r.y2), x1: max(r.x1, r.x2), y1: max(r.y1, r.y2))
                let size = sizes[k] > 0 ? sizes[k] : box.height
                glyphs.append(PDFGlyph(scalars[k], box, size: size))
            }
            return glyphs
        }

        private func pictures(_ page: OpaquePointer) -> [PDFBox] {
            guard let mapping = poppler_page_get_image_mapping(page) else { return [] }
            defer { poppler_page_free_image_mapping(mapping) }
            var boxes: [PDFBox] = []
            var node: UnsafeMutablePointer<GList>? = mapping
            while let n = node {
                if let raw = n.pointee.data {
                    let a = raw.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                    boxes.append(
                        PDFBox(x0: min(a.x1, a.x2), y0: min(a.y1, a.y2), x1: max(a.x1, a.x2), y1: max(a.y1, a.y2)))
                }
                node = n.pointee.next
            }
            return boxes
        }
    }

    /// poppler sets up its global state on the first document it opens; the
    /// first open happens here, once (a Swift static is initialized once, under a
    /// lock), before the reader's threads open theirs.
    private static let started: Bool = {
        let minimal = Array(
            "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
                .utf8)
        let data = minimal.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(data) }
        if let document = poppler_document_new_from_bytes(data, nil, nil) {
            g_object_unref(UnsafeMutableRawPointer(document))
        }
        return true
    }()

    /// Opens the PDF in `bytes` (no password).
    static func open(_ bytes: [UInt8]) throws(OpenFailure) -> Document {
        _ = started
        let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        guard let data else { throw .damaged("no memory for the file") }
        var error: UnsafeMutablePointer<GError>?
        guard let handle = poppler_document_new_from_bytes(data, nil, &error) else {
            defer {
                if error != nil { g_error_free(error) }
                g_bytes_unref(data)
            }
            if let e = error?.pointee {
                if e.domain == poppler_error_quark(), e.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                    throw .encrypted
                }
                throw .damaged(e.message.map { String(cString: $0) } ?? "poppler could not read it")
            }
            throw .damaged("poppler could not read it")
        }
        return Document(handle: handle, bytes: data)
    }
}
