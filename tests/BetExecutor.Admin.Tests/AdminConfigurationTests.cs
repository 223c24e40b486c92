using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Admin.Configuration;
using BetExecutor.Http.Security;

namespace BetExecutor.Admin.Tests;

/// <summary>bet-executor.admin and its two environment variables: every bad value names its setting.</summary>
public sealed class AdminConfigurationTests
{
    [Fact]
    public void The_defaults_listen_on_loopback_with_no_token()
    {
        var options = AdminConfiguration.Read(null);

        Assert.Equal("127.0.0.1:9090", options.Listen.ToString());
        Assert.Equal(TimeSpan.FromSeconds(10), options.AnswerTimeout);
        Assert.Equal(0, options.Tokens.Count);
    }

    [Fact]
    public void The_environment_adds_tokens_and_replaces_the_listen_address()
    {
        var hash = ApiKeyRing.HashOf("secret-token-1");
        var options = AdminConfiguration.Read(null, $"ops={hash}, ci = {ApiKeyRing.HashOf("secret-token-2")}", "127.0.0.1:0");

        Assert.Equal(["ops", "ci"], options.Tokens.Names);
        Assert.Equal("ops", options.Tokens.Identify("secret-token-1"));
        Assert.Null(options.Tokens.Identify(hash));
        Assert.Equal(0, options.Listen.Port);
    }

    [Theory]
    [InlineData("bet-executor.admin.listen = \"localhost:9090\"", null, null, "bet-executor.admin.listen")]
    [InlineData(null, null, "127.0.0.1", "BETEXECUTOR_ADMIN_LISTEN")]
    [InlineData(null, "ops", null, "BETEXECUTOR_ADMIN_TOKENS")]
    [InlineData(null, "ops=abc", null, "BETEXECUTOR_ADMIN_TOKENS.ops")]
    [InlineData("bet-executor.admin.answer-timeout = 5m", null, null, "bet-executor.admin.answer-timeout")]
    [InlineData("bet-executor.admin.tokens { ops = \"nothex\" }", null, null, "bet-executor.admin.tokens.ops")]
    [InlineData("bet-executor.admin.tokn { }", null, null, "bet-executor.admin.tokn")]
    public void A_bad_value_is_refused_naming_its_setting(string? hocon, string? tokens, string? listen, string setting)
    {
        var error = Assert.Throws<SettingException>(() =>
            AdminConfiguration.Read(hocon is null ? null : ConfigurationFactory.ParseString(hocon), tokens, listen));

        Assert.StartsWith(setting, error.Message);
    }
}
