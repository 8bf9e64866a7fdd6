using CsCheck;
using Menshen.Core.Exchanges;

namespace Menshen.Core.Tests;

public class ExchangeNoteTests
{
    [Fact]
    public void Parse_reads_every_fixed_text_back_as_its_kind()
    {
        var fixedKinds = ExchangeGens.AllNotes
            .Where(k => k is not (NoteKind.None or NoteKind.RequestRejected or NoteKind.UpstreamUnreachable));

        var actual = fixedKinds.Select(k => ExchangeNote.Parse(new ExchangeNote(k).Text).Kind);

        Assert.Equal(fixedKinds, actual);
    }

    [Fact]
    public void Parse_keeps_any_other_text_as_it_is() =>
        Gen.String.Sample(text => ExchangeNote.Parse(text).Text == text);

    [Fact]
    public void Texts_of_distinct_fixed_kinds_differ()
    {
        var texts = ExchangeGens.AllNotes.Select(k => new ExchangeNote(k).Text).ToList();

        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Fact]
    public void Class_is_none_only_for_no_note() =>
        Assert.All(ExchangeGens.AllNotes, k =>
            Assert.Equal(k == NoteKind.None, new ExchangeNote(k).Class == ErrorClass.None));
}
