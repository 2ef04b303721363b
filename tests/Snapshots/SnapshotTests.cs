namespace ModelCheck.Tests.Snapshots;

/// <summary>The snapshot helper itself: a mismatch fails with a line diff and leaves the received text beside the verified one.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void A_mismatch_writes_the_received_file_and_fails_with_a_line_diff()
    {
        Assert.False(Snapshot.AcceptsLocally, $"run this test without {Snapshot.AcceptVariable}=1");
        var directory = Directory.CreateTempSubdirectory("modelcheck-snapshot-");
        try
        {
            var source = Path.Combine(directory.FullName, "Example.cs");
            File.WriteAllText(Path.Combine(directory.FullName, "SnapshotTests.Example_p.verified.txt"), "same\nold line\nsame too\n");
            var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
                this.Verify("same\nnew line\nsame too\n", parameter: "p", sourceFile: source, method: "Example"));
            Assert.Contains("- old line\n+ new line\n", failure.Message);
            Assert.Equal("same\nnew line\nsame too\n", File.ReadAllText(Path.Combine(directory.FullName, "SnapshotTests.Example_p.received.txt")));

            // Once the text matches again, the stale received file is removed.
            this.Verify("same\nold line\nsame too\n", parameter: "p", sourceFile: source, method: "Example");
            Assert.False(File.Exists(Path.Combine(directory.FullName, "SnapshotTests.Example_p.received.txt")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_verified_file_fails_rather_than_passes()
    {
        Assert.False(Snapshot.AcceptsLocally, $"run this test without {Snapshot.AcceptVariable}=1");
        var directory = Directory.CreateTempSubdirectory("modelcheck-snapshot-");
        try
        {
            var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
                this.Verify("text\n", sourceFile: Path.Combine(directory.FullName, "Example.cs"), method: "Fresh"));
            Assert.Contains("no verified snapshot SnapshotTests.Fresh.verified.txt yet", failure.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
