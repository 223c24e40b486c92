namespace BetExecutor.Scenarios.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData("0s", 0)]
    [InlineData("0ms", 0)]
    [InlineData("250ms", 250)]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2d", 172_800_000)]
    public void Each_unit_parses_to_its_length(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5")]
    [InlineData("5 s")]
    [InlineData(" 5s")]
    [InlineData("+5s")]
    [InlineData("-5s")]
    [InlineData("1.5h")]
    [InlineData("5S")]
    [InlineData("5w")]
    [InlineData("5m30s")]
    [InlineData("99999999999999999999d")]
    [InlineData("10675200d")]
    public void Anything_but_a_whole_number_and_one_unit_is_refused_with_a_reason(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => DurationText.Parse(text));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(90_000, "90s")]
    [InlineData(300_000, "5m")]
    [InlineData(5_400_000, "90m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(86_400_000, "1d")]
    public void Format_writes_the_largest_unit_that_is_exact(long milliseconds, string text)
    {
        Assert.Equal(text, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(999L)]
    [InlineData(61_001L)]
    [InlineData(123_456_789L)]
    public void Format_and_parse_round_trip(long milliseconds)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);

        Assert.Equal(duration, DurationText.Parse(DurationText.Format(duration)));
    }

    [Fact]
    public void Format_refuses_what_it_cannot_write_exactly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DurationText.Format(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DurationText.Format(TimeSpan.FromTicks(1)));
    }
}
