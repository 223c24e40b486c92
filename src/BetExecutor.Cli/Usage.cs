namespace BetExecutor.Cli;

/// <summary>Exit codes: 0 ran, 1 failed while running, 2 bad input (the message names the field).</summary>
public static class Usage
{
    public const int BadInput = 2;

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return BadInput;
    }
}
