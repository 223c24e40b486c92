using Akka.Actor;
using BetExecutor.Actors;
using BetExecutor.Actors.Time;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Node.Hosting;
using BetExecutor.Persistence.Redis;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Serilog;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// Issue 8, item 10: a Redis password never reaches a log or an error, in any form a connection string takes. Each
/// form is given to the real node against a real connection that fails (a Redis that has no such password, TLS to a
/// plain server, nothing listening), with debug logs on so every detail of the failure is written, and the whole of
/// its output is searched for the secret.
/// </summary>
public sealed class RedisPasswordRedactionTests
{
    private const string Secret = "s3cret-Pa55word";

    public static readonly TheoryData<string> Forms = new()
    {
        "127.0.0.1:{port},password=" + Secret,
        "127.0.0.1:{port},user=ops,password=" + Secret + ",connectTimeout=2000",
        "redis://:" + Secret + "@127.0.0.1:{port}",
        "redis://ops:" + Secret + "@127.0.0.1:{port}",
        "rediss://:" + Secret + "@127.0.0.1:{port}",
        "redis://" + Secret + "@127.0.0.1:{port}",
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_failing_connection_never_shows_the_password(string form)
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await RequirePasswordAsync(redis.Port, "another-password");
        var connection = form.Replace("{port}", redis.Port.ToString());

        await using var run = await NodeRun.ExitOfAsync(new Dictionary<string, string>
        {
            ["BETEXECUTOR_VENUE"] = "simulator",
            ["BETEXECUTOR_REDIS"] = connection,
            ["BETEXECUTOR_LOG_LEVEL"] = "debug",
        });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BETEXECUTOR_REDIS", run.Stderr);
        Assert.Contains("did not answer", run.Stderr);
        Assert.DoesNotContain(Secret, run.Stderr + run.Stdout);
    }

    /// <summary>
    /// Behind the node's own redaction, nothing the node runs quotes the password of a connection that fails: an
    /// embedded node's every log line (debug included, unredacted) and its start failure. With Redis the node takes a
    /// lease at start (its self-test), which fails on the wrong password first: the start fails, naming Redis, not the
    /// password.
    /// </summary>
    [Theory]
    [InlineData("127.0.0.1:{port},password=" + Secret)]
    [InlineData("redis://ops:" + Secret + "@127.0.0.1:{port}")]
    public async Task The_node_never_logs_the_password_of_a_failing_connection(string form)
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await RequirePasswordAsync(redis.Port, "another-password");
        var output = new CapturedText();
        var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(output).CreateLogger();
        var services = new ExecutorServices(new RealClock(), new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0)),
            ExecutorSettings.Default("redaction"), NoObserver.Instance);
        var previous = Log.Logger;
        Log.Logger = logger; // Akka's own log lines reach Serilog through the static logger
        Exception? failure = null;
        try
        {
            await using var node = await EmbeddedNode.StartAsync(
                new NodeOptions("redaction", RedisConnectionString: form.Replace("{port}", redis.Port.ToString())), services, logger);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            Log.Logger = previous;
        }

        Assert.NotNull(failure);
        Assert.Contains(Causes(failure), e => e is Akka.Coordination.LeaseException);
        var text = output.Text + string.Join("\n", Causes(failure).Select(e => e.ToString()));
        Assert.Contains("Redis", text);
        Assert.DoesNotContain(Secret, text);
    }

    private static IEnumerable<Exception> Causes(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>The server asks for a password, and not ours: every connection with the secret fails at AUTH.</summary>
    private static async Task RequirePasswordAsync(int port, string password)
    {
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        await admin.GetServer("127.0.0.1", port).ExecuteAsync("CONFIG", "SET", "requirepass", password);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_form_is_redacted_and_read(string form)
    {
        var connection = form.Replace("{port}", "6390");

        var redacted = RedisConnectionString.Redact(connection);
        var options = RedisConnectionString.Parse(connection);

        Assert.DoesNotContain(Secret, redacted);
        Assert.Contains("6390", redacted);
        Assert.Equal(Secret, options.Password);
        Assert.Equal("127.0.0.1:6390", RedisConnectionString.Describe(connection).Split(' ')[0]);
        Assert.Equal(connection.StartsWith("rediss", StringComparison.Ordinal), options.Ssl);
    }

    [Fact]
    public void A_known_secret_is_masked_wherever_it_appears()
    {
        Assert.Equal("AUTH *** failed", RedisConnectionString.Redact("AUTH " + Secret + " failed", [Secret]));
    }

    [Fact]
    public void An_unreadable_connection_string_is_refused_without_quoting_its_password()
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionString.Parse("127.0.0.1:6379,password=" + Secret + ",bogus=1"));

        Assert.DoesNotContain(Secret, error.Message);
    }

    /// <summary>Every event as the console would show it, message and exception, without any redaction.</summary>
    private sealed class CapturedText : Serilog.Core.ILogEventSink
    {
        private readonly Serilog.Formatting.Display.MessageTemplateTextFormatter _format = new("{Level:u3} {Message:lj}{NewLine}{Exception}");
        private readonly StringWriter _text = new();

        public string Text
        {
            get { lock (_text) return _text.ToString(); }
        }

        public void Emit(Serilog.Events.LogEvent logEvent)
        {
            lock (_text) _format.Format(logEvent, _text);
        }
    }
}
