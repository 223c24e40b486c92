using System.Text.Json.Nodes;
using BetExecutor.Ingress.Feed;
using static BetExecutor.Ingress.Tests.Lines;

namespace BetExecutor.Ingress.Tests;

/// <summary>
/// Issue 8, items 6 and 7: the lines the old, lenient feed accepted (and placed money for), each now refused by the
/// one strict reader naming the field by its path in the line, with the signal id whenever one could be read.
/// </summary>
public class FeedLineRefusesTests
{
    [Fact]
    public void A_stake_written_twice_is_refused_naming_it_instead_of_the_last_one_winning()
    {
        var invalid = Refused(ExecuteReplacing("\"stake\": 50,", "\"stake\": 50, \"stake\": 5000,"));

        var error = OnlyError(invalid);
        Assert.Equal("execute.positive.stake", error.Field);
        Assert.Equal("appears more than once", error.Message);
        Assert.Equal("s-1", invalid.SignalId);
    }

    [Fact]
    public void An_account_written_twice_is_refused_instead_of_betting_on_the_other_account()
    {
        var invalid = Refused(ExecuteReplacing("\"account\": \"alice\"", "\"account\": \"alice\", \"account\": \"bob\""));

        Assert.Equal("execute.identity.account", OnlyError(invalid).Field);
        Assert.Equal("s-1", invalid.SignalId);
    }

    [Fact]
    public void A_misspelt_expiresAT_in_the_past_is_refused_as_an_unknown_field_instead_of_ignored()
    {
        var invalid = Refused(ExecuteWith(s => s["expiresAT"] = "2030-06-01T11:00:00Z"));

        var error = OnlyError(invalid);
        Assert.Equal("execute.expiresAT", error.Field);
        Assert.StartsWith("unknown field", error.Message);
        Assert.Contains("expiresAt", error.Message);
        Assert.Equal("s-1", invalid.SignalId);
    }

    [Fact]
    public void A_signal_without_identity_is_refused_naming_identity()
    {
        var invalid = Refused(ExecuteWith(s => s.Remove("identity")));

        var error = OnlyError(invalid);
        Assert.Equal("execute.identity", error.Field);
        Assert.Equal("is required", error.Message);
        Assert.Equal("s-1", invalid.SignalId);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("alice\u001b[2J")]
    public void An_invalid_identity_part_is_answered_naming_it(string account)
    {
        var invalid = Refused(ExecuteWith(s => s["identity"]!["account"] = account));

        Assert.Equal("execute.identity.account", OnlyError(invalid).Field);
        Assert.Equal("s-1", invalid.SignalId);
        Assert.DoesNotContain('\u001b', OnlyError(invalid).Message);
    }

    [Fact]
    public void A_ten_megabyte_line_is_refused_unread()
    {
        var invalid = Refused(ExecuteWith(s => s["positive"]!["market"] = new string('m', 10 * 1024 * 1024)));

        var error = OnlyError(invalid);
        Assert.Equal("$", error.Field);
        Assert.Contains($"at most {FeedLine.MaxLength}", error.Message);
    }

    [Fact]
    public void A_market_longer_than_the_maximum_is_refused_naming_it()
    {
        var invalid = Refused(ExecuteWith(s => s["positive"]!["market"] = new string('m', 129)));

        Assert.Equal("execute.positive.market", OnlyError(invalid).Field);
        Assert.Equal("s-1", invalid.SignalId);
    }

    [Fact]
    public void Control_characters_and_ANSI_escapes_in_a_selection_are_refused_naming_it()
    {
        var invalid = Refused(ExecuteWith(s => s["positive"]!["selection"] = "home\u001b[31m"));

        var error = OnlyError(invalid);
        Assert.Equal("execute.positive.selection", error.Field);
        Assert.Contains("U+001B", error.Message);
    }

    [Fact]
    public void Currency_XYZ_is_refused_naming_it()
    {
        Assert.Equal("execute.positive.currency", OnlyError(Refused(ExecuteWith(s => s["positive"]!["currency"] = "XYZ"))).Field);
    }

    [Theory]
    [InlineData("Home")]
    [InlineData("home ")]
    public void A_hedge_on_the_positive_identity_and_selection_in_other_case_or_spacing_is_refused(string selection)
    {
        var invalid = Refused(ExecuteWith(s =>
        {
            s["hedge"]!["identity"] = s["identity"]!.DeepClone();
            s["hedge"]!["selection"] = selection;
        }));

        Assert.Equal("execute.hedge.identity", OnlyError(invalid).Field);
    }

    [Theory]
    [InlineData("8e26")]
    [InlineData("800000000000000000000000000")]
    [InlineData("1e40")] // beyond decimal altogether
    public void A_stake_of_8e26_or_more_is_refused_naming_it(string stake)
    {
        var invalid = Refused(ExecuteReplacing("\"stake\": 50", $"\"stake\": {stake}"));

        Assert.Equal("execute.positive.stake", OnlyError(invalid).Field);
    }

    [Fact]
    public void A_start_of_0001_01_01_is_refused_naming_event_startsAt()
    {
        var invalid = Refused(ExecuteWith(s => s["event"]!["startsAt"] = "0001-01-01T00:00:00Z"));

        Assert.Equal("execute.event.startsAt", OnlyError(invalid).Field);
        Assert.Equal("s-1", invalid.SignalId);
    }

    [Fact]
    public void An_instant_without_an_offset_is_refused()
    {
        Assert.Equal("execute.event.startsAt", OnlyError(Refused(ExecuteWith(s => s["event"]!["startsAt"] = "2030-06-01T18:00:00"))).Field);
    }

    [Fact]
    public void A_stake_written_as_a_string_is_refused_not_coerced()
    {
        var error = OnlyError(Refused(ExecuteWith(s => s["positive"]!["stake"] = "50")));

        Assert.Equal("execute.positive.stake", error.Field);
        Assert.Contains("must be a number", error.Message);
    }

    [Fact]
    public void An_explicit_null_for_an_optional_field_is_refused()
    {
        Assert.Equal("execute.expiresAt", OnlyError(Refused(ExecuteWith(s => s["expiresAt"] = null))).Field);
    }

    [Fact]
    public void Every_error_of_a_line_is_listed_in_the_order_of_the_line()
    {
        var invalid = Refused(ExecuteWith(s =>
        {
            s["signalId"] = "s 1";
            s["positive"]!["currency"] = "XYZ";
            s["positive"]!["stkae"] = 5;
            s["hedge"]!["odds"] = 0.5;
        }));

        Assert.Equal(["execute.signalId", "execute.positive.currency", "execute.positive.stkae", "execute.hedge.odds"],
            invalid.Errors.Select(e => e.Field));
        Assert.Null(invalid.SignalId); // the id itself is invalid: it is not repeated back
    }

    [Fact]
    public void A_signal_id_written_twice_is_not_repeated_back()
    {
        var invalid = Refused(ExecuteReplacing("\"signalId\": \"s-1\",", "\"signalId\": \"s-1\", \"signalId\": \"s-2\","));

        Assert.Equal("execute.signalId", OnlyError(invalid).Field);
        Assert.Null(invalid.SignalId);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[1, 2]", "$")]
    [InlineData("{}", "$")]
    [InlineData("{\"run\": {}}", "run")]
    [InlineData("{\"execute\": 5}", "execute")]
    public void A_line_that_is_not_one_command_is_refused(string line, string field)
    {
        Assert.Contains(field, Refused(line).Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_line_with_both_commands_is_refused()
    {
        var line = $$"""{"status": {"provider": "bookie", "whitelabel": "brand1", "account": "alice"}, "execute": {{SignalBody}}}""";

        var invalid = Refused(line.ReplaceLineEndings(" "));

        Assert.Equal("$", OnlyError(invalid).Field);
        Assert.Equal("s-1", invalid.SignalId);
    }

    [Fact]
    public void A_command_key_written_twice_is_refused()
    {
        var line = Execute()[..^1] + ", \"execute\": {}}";

        Assert.Contains("execute", Refused(line).Errors.Select(e => e.Field));
    }

    [Fact]
    public void An_unknown_field_with_a_hostile_name_is_named_safely()
    {
        var name = "x\u001b[31m" + new string('y', 5000);
        var invalid = Refused(ExecuteWith(s => s[name] = 1));

        var error = OnlyError(invalid);
        Assert.StartsWith("execute[\"x?", error.Field);
        Assert.True(error.Field.Length < 60, error.Field);
        Assert.DoesNotContain('\u001b', error.Field);
    }

    [Fact]
    public void A_status_for_an_invalid_identity_is_refused_naming_the_part()
    {
        var invalid = Refused("""{"status": {"provider": "bookie", "whitelabel": "brand 1", "account": "alice"}}""");

        Assert.Equal("status.whitelabel", OnlyError(invalid).Field);
        Assert.Null(invalid.SignalId);
    }

    [Fact]
    public void The_error_answer_lists_at_most_twenty_errors_and_counts_the_rest()
    {
        var signal = JsonNode.Parse(SignalBody)!.AsObject();
        for (var i = 0; i < 50; i++) signal[$"extra{i}"] = i;
        var invalid = Refused(new JsonObject { ["execute"] = signal }.ToJsonString());

        var answer = IngressAnswers.Error(invalid.SignalId, invalid.Errors);

        Assert.Equal("s-1", (string?)answer["signalId"]);
        var errors = answer["errors"]!.AsArray();
        Assert.Equal(IngressAnswers.MaxErrorsListed + 1, errors.Count);
        Assert.Equal("and 30 more errors", (string?)errors[^1]!["message"]);
    }
}
