/// The character sets the extractor's rules test.
extension ScalarClass {
    /// Characters that end a clause: a name or title never runs across them.
    static let clauseEnds: ScalarSet = ScalarSet("，。；：！？,.;:!?\n".unicodeScalars)

    /// Characters that end a sentence.
    static let sentenceEnds: ScalarSet = ScalarSet("。；！？;!?\n".unicodeScalars)

    /// Separators between the items of a list of names.
    static let listSeparators: ScalarSet = ScalarSet("、，,".unicodeScalars)

    /// Characters that essentially never stand in a given name: function words,
    /// institution and place suffixes, calendar words. A candidate name holding
    /// one of them is not a name.
    static let nonGiven: ScalarSet = ScalarSet(
        ("的了在是和等及与对把被从向就也都又还要将说年月日号时这那其此该各每全本我你他她们之于以而并即已曾让给"
            + "上下里内外员记席副首第个位项条种批些局委部院所站队处科厅办司校馆会社团组室镇乡县市区省村街路寺堂厂店场"
            + "党府检监层")
            .unicodeScalars)

    /// Characters of `nonGiven` that still end many given names (`邵玉堂`,
    /// `郑本之`, `陈德年`, `钱高员`): allowed where separators or a cue word say where
    /// the name ends.
    static let givenWhenDelimited: ScalarSet = ScalarSet("堂之年员".unicodeScalars)

    /// Single characters that, right after a candidate name, say it has ended.
    static let nameFollowers: ScalarSet = ScalarSet("说在和及与等的对向到是也都就将要还又已为率".unicodeScalars)

    /// Characters that may directly precede a name in running text (besides
    /// punctuation): conjunctions and a few prepositions.
    static let namePreceders: ScalarSet = ScalarSet("和及与、由请对向以在经将".unicodeScalars)

    /// Closing quotation marks.
    static let closingQuotes: ScalarSet = ScalarSet("”」』\"".unicodeScalars)

    /// Final characters of an epithet in quotes before a citizen's name
    /// (`“快递小哥”`, `“泥瓦师傅”`).
    static let epithetEnds: ScalarSet = ScalarSet("傅哥姐叔婶嫂爷奶妈爸匠者员人家手士生娘婆公".unicodeScalars)

    /// Generic suffixes of institutions that are not in the lexicon
    /// (`…发展局`, `…有限公司`): a title may reach back over such a name.
    static let institutionSuffixes: ScalarSet = ScalarSet("局委办院部厅处科所站队司校馆会社团中心行学园庭关".unicodeScalars)
}
