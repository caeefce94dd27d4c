using System.Runtime.InteropServices;

namespace Finsam.Benchmarks.Suite;

/// <summary>
/// Takes a folder's files out of the operating system's page cache, so that the next reads come from the disk: a
/// cold measurement without root (no <c>drop_caches</c>) and without touching any other file on the machine.
/// </summary>
public static class PageCache
{
    private const int DontNeed = 4; // POSIX_FADV_DONTNEED on Linux

    /// <summary>Writes each file's dirty pages to disk (only clean pages can be dropped), then drops them; false where the OS cannot.</summary>
    public static bool Evict(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var evicted = true;
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            file.Flush(flushToDisk: true);
            evicted &= PosixFadvise((int)file.SafeFileHandle.DangerousGetHandle(), 0, 0, DontNeed) == 0;
        }

        return evicted;
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);
}
