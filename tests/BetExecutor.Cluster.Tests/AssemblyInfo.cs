// Each test runs a cluster of real processes on a two-core machine: one at a time, or they starve each other's
// failure detectors.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Processes are paused, killed and identified through POSIX signals and /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
