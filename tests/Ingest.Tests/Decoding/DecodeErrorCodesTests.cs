using System.Text.RegularExpressions;
using Streaming.Ingest.Decoding;

namespace Streaming.Ingest.Tests.Decoding;

public class DecodeErrorCodesTests
{
    [Fact]
    public void Every_kind_has_a_distinct_kebab_case_code()
    {
        var codes = Enum.GetValues<DecodeErrorKind>().Select(DecodeErrorCodes.ToCode).ToList();
        Assert.All(codes, c => Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)*$"), c));
        Assert.DoesNotContain(DecodeErrorCodes.Unknown, codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Codes_are_stable()
    {
        Assert.Equal("malformed-json", DecodeErrorCodes.ToCode(DecodeErrorKind.MalformedJson));
        Assert.Equal("non-finite-value", DecodeErrorCodes.ToCode(DecodeErrorKind.NonFiniteValue));
        Assert.Equal("series-key-mismatch", DecodeErrorCodes.ToCode(DecodeErrorKind.SeriesKeyMismatch));
        Assert.Equal(DecodeErrorCodes.Unknown, DecodeErrorCodes.ToCode((DecodeErrorKind)999));
    }

    [Fact]
    public void Failure_requires_an_error_kind()
    {
        Assert.Throws<ArgumentException>(() => DecodeResult.Failure(DecodeErrorKind.None, "x"));
    }
}
