using System.Net;
using Akka.Actor;
using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Actors.Time;
using BetExecutor.Gateway.Configuration;
using BetExecutor.Gateway.Health;
using BetExecutor.Http.Security;
using BetExecutor.Gateway.Tests.Support;
using Serilog.Core;

namespace BetExecutor.Gateway.Tests;

/// <summary>bet-executor.gateway in reference.conf, read strictly into GatewayOptions, and the environment forms.</summary>
public sealed class GatewayConfigurationTests
{
    private static readonly string Hash = ApiKeyRing.HashOf("some-key");

    private static GatewayOptions With(string hocon) => GatewayConfiguration.Read(ConfigurationFactory.ParseString(hocon));

    [Fact]
    public void The_defaults_listen_on_loopback_8080_with_a_64KiB_body_and_no_key()
    {
        var defaults = GatewayConfiguration.Defaults;

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), defaults.Listen);
        Assert.Equal(64 * 1024, defaults.MaxBody);
        Assert.Equal(0, defaults.Keys.Count);
    }

    public static TheoryData<string, string, Func<GatewayOptions, object>> EverySetting => new()
    {
        { "listen", "\"127.0.0.1:9090\"", o => o.Listen },
        { "max-body", "16KiB", o => o.MaxBody },
        { "answer-timeout", "3s", o => o.AnswerTimeout },
        { "retry-after", "5s", o => o.RetryAfter },
        { "rate-limit.requests", "7", o => o.RateLimit.Requests },
        { "rate-limit.per", "1m", o => o.RateLimit.Per },
        { "rate-limit.burst", "9", o => o.RateLimit.Burst },
        { "api-keys.desk", $"\"{Hash}\"", o => o.Keys.Count },
    };

    [Theory]
    [MemberData(nameof(EverySetting))]
    public void Every_setting_reaches_the_typed_options(string key, string value, Func<GatewayOptions, object> read)
    {
        Assert.NotEqual(read(GatewayConfiguration.Defaults), read(With($"bet-executor.gateway.{key} = {value}")));
    }

    [Fact]
    public void Every_key_of_the_gateway_section_is_in_the_table_above()
    {
        var section = ExecutorConfiguration.Reference.GetValue(GatewayConfiguration.Section).GetObject();
        // api-keys is keyed by data (an empty section in the file); the table sets one key in it.
        var inFile = Leaves(section, "").Append("api-keys.desk").Order();
        var inTable = EverySetting.Select(row => (string)row[0]).Order();

        Assert.Equal(inFile, inTable);
    }

    private static IEnumerable<string> Leaves(Akka.Configuration.Hocon.HoconObject node, string prefix) =>
        node.Items.SelectMany(item => item.Value.IsObject()
            ? Leaves(item.Value.GetObject(), $"{prefix}{item.Key}.")
            : [$"{prefix}{item.Key}"]);

    [Theory]
    [InlineData("bet-executor.gateway.listen = \"localhost:8080\"", "bet-executor.gateway.listen")]
    [InlineData("bet-executor.gateway.listen = \"127.0.0.1\"", "bet-executor.gateway.listen")]
    [InlineData("bet-executor.gateway.max-body = 10MiB", "bet-executor.gateway.max-body")]
    [InlineData("bet-executor.gateway.max-body = lots", "bet-executor.gateway.max-body")]
    [InlineData("bet-executor.gateway.answer-timeout = 0s", "bet-executor.gateway.answer-timeout")]
    [InlineData("bet-executor.gateway.rate-limit.burst = 0", "bet-executor.gateway.rate-limit.burst")]
    [InlineData("bet-executor.gateway.rate-limits = {}", "bet-executor.gateway.rate-limits")]
    [InlineData("bet-executor.gateway.api-keys.desk = \"ABCDEF\"", "bet-executor.gateway.api-keys.desk")]
    [InlineData("bet-executor.gateway.api-keys.desk { hash = \"x\" }", "bet-executor.gateway.api-keys.desk")]
    public void A_bad_value_or_unknown_key_is_refused_naming_the_setting(string hocon, string setting)
    {
        var error = Assert.Throws<SettingException>(() => With(hocon));

        Assert.Equal(setting, error.Setting);
    }

    [Fact]
    public void Keys_from_the_environment_add_to_the_configured_ones_and_the_listen_variable_replaces_listen()
    {
        var other = ApiKeyRing.HashOf("other-key");
        var options = GatewayConfiguration.Read(ConfigurationFactory.ParseString($"bet-executor.gateway.api-keys.desk = \"{Hash}\""),
            environmentKeys: $" ops = {other} ,bot-1={ApiKeyRing.HashOf("bot")}", environmentListen: "127.0.0.2:0");

        Assert.Equal(["desk", "ops", "bot-1"], options.Keys.Names);
        Assert.Equal("ops", options.Keys.Identify("other-key"));
        Assert.Null(options.Keys.Identify("other-kez"));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0), options.Listen);
    }

    /// <summary>The node hands over its configuration as loaded (reference.conf under its overrides), not the overrides alone.</summary>
    [Fact]
    public void The_nodes_merged_configuration_reads_as_its_overrides_do()
    {
        var overrides = ConfigurationFactory.ParseString($"bet-executor.gateway {{ api-keys.desk = \"{Hash}\", answer-timeout = 4s }}\nbet-executor.cooldown = 30s");

        var merged = GatewayConfiguration.Read(ExecutorConfiguration.Merge(overrides));

        Assert.Equal(["desk"], merged.Keys.Names);
        Assert.Equal(TimeSpan.FromSeconds(4), merged.AnswerTimeout);
    }

    [Theory]
    [InlineData("ops", GatewayConfiguration.KeysVariable)]
    [InlineData("ops=", GatewayConfiguration.KeysVariable)]
    [InlineData("ops=abc", GatewayConfiguration.KeysVariable + ".ops")]
    [InlineData("desk=0000000000000000000000000000000000000000000000000000000000000000", GatewayConfiguration.KeysVariable + ".desk")]
    public void A_bad_environment_key_list_is_refused_naming_the_variable(string value, string setting)
    {
        var error = Assert.Throws<SettingException>(() => GatewayConfiguration.Read(
            ConfigurationFactory.ParseString($"bet-executor.gateway.api-keys.desk = \"{Hash}\""), environmentKeys: value));

        Assert.Equal(setting, error.Setting);
        Assert.DoesNotContain(Hash, error.Message);
    }

    [Fact]
    public async Task A_gateway_with_no_key_refuses_to_start_in_one_line_naming_the_setting()
    {
        using var system = ActorSystem.Create("no-keys", "akka.loglevel = OFF\nakka.stdout-loglevel = OFF");
        var options = GatewayConfiguration.Defaults with { Listen = new IPEndPoint(IPAddress.Loopback, 0) };

        var error = await Assert.ThrowsAsync<SettingException>(() => GatewayServer.StartAsync(
            options, ActorRefs.Nobody, new GatewayReadiness([]), new VirtualClock(GatewayHarness.Start), Logger.None));

        Assert.Equal("bet-executor.gateway.api-keys", error.Setting);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Port_0_binds_a_free_port_and_reports_it_in_the_one_start_line()
    {
        await using var gateway = await GatewayHarness.StartAsync();

        Assert.Equal("127.0.0.1", gateway.Gateway.Address.Host);
        Assert.NotEqual(0, gateway.Gateway.Address.Port);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("health/live", key: null)).Status);
        var started = Assert.Single(gateway.Log.Events, e => e.MessageTemplate.Text == "Gateway listening on {Address}");
        Assert.Contains($"127.0.0.1:{gateway.Gateway.Address.Port}/", started.RenderMessage());
    }
}
