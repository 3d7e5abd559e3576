import Testing

@testable import Guanxi

@Test func pageDateRendersISO() {
    #expect(PageDate(year: 2018, month: 3, day: 29, origin: .path).iso == "2018-03-29")
    #expect(PageDate(year: 2018, month: 3, origin: .path).iso == "2018-03")
    #expect(PageDate(year: 2018, origin: .text).inferred)
}
