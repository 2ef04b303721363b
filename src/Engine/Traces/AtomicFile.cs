namespace ModelCheck.Engine;

/// <summary>Writes a file through a temporary one and a rename, so no reader ever sees half of it.</summary>
public static class AtomicFile
{
    public static void Write(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? throw new IOException($"{ErrorText.Path(path)} is not a file path");
        Directory.CreateDirectory(directory);
        // The temporary file sits beside the target, and never outlives a failed write.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
