using BetExecutor.Cli.Operate;

namespace BetExecutor.Cli.Tests.Operate;

/// <summary>Where the admin URL and token come from: options, then the cluster file, then the environment.</summary>
public sealed class AdminTargetTests : IDisposable
{
    private readonly string _clusterFile = Path.Combine(Path.GetTempPath(), $"betexec-target-{Guid.NewGuid():N}.json");

    public AdminTargetTests() =>
        File.WriteAllText(_clusterFile, """{"adminToken": "from-file", "nodes": [{"name": "executor-1", "admin": "http://127.0.0.1:7001/"}]}""");

    private static Func<string, string?> Environment(string? url, string? token) => name => name switch
    {
        AdminTarget.UrlVariable => url,
        AdminTarget.TokenVariable => token,
        _ => null,
    };

    [Fact]
    public void Options_win_over_the_cluster_file_which_wins_over_the_environment()
    {
        var environment = Environment("http://127.0.0.1:7003", "from-environment");

        Assert.True(AdminTarget.TryResolve("http://127.0.0.1:7000", "from-option", _clusterFile, environment, out var options, out _));
        Assert.True(AdminTarget.TryResolve(null, null, _clusterFile, environment, out var file, out _));
        Assert.True(AdminTarget.TryResolve(null, null, null, environment, out var variables, out _));

        Assert.Equal(("http://127.0.0.1:7000/", "from-option"), (options!.BaseAddress.AbsoluteUri, options.Token));
        Assert.Equal(("http://127.0.0.1:7001/", "from-file"), (file!.BaseAddress.AbsoluteUri, file.Token));
        Assert.Equal(("http://127.0.0.1:7003/", "from-environment"), (variables!.BaseAddress.AbsoluteUri, variables.Token));
    }

    [Fact]
    public void A_path_under_the_address_is_kept_and_the_token_never_shows_in_its_text()
    {
        Assert.True(AdminTarget.TryResolve("https://ops.example/admin", "s3cret", null, Environment(null, null), out var target, out _));

        Assert.Equal(new Uri("https://ops.example/admin/cluster"), new Uri(target!.BaseAddress, "cluster"));
        Assert.DoesNotContain("s3cret", target.ToString());
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:9090", "--admin: 'ftp://127.0.0.1:9090' is not an admin API address")]
    [InlineData("http://user:pw@127.0.0.1:9090", "--admin: the admin API address must not carry a user or password")]
    [InlineData("http://127.0.0.1:9090/?x=1", "is not an admin API address")]
    public void A_malformed_address_is_named(string url, string error)
    {
        Assert.False(AdminTarget.TryResolve(url, "t", null, Environment(null, null), out _, out var message));

        Assert.Contains(error, message);
        Assert.DoesNotContain("pw@", message);
    }

    [Fact]
    public void A_cluster_file_without_an_admin_api_is_named()
    {
        File.WriteAllText(_clusterFile, """{"adminToken": null, "nodes": [{"name": "executor-1", "admin": null}]}""");

        Assert.False(AdminTarget.TryResolve(null, null, _clusterFile, Environment(null, null), out _, out var error));

        Assert.StartsWith("--cluster-file:", error);
        Assert.Contains("names no node with an admin URL", error);
    }

    public void Dispose() => File.Delete(_clusterFile);
}
