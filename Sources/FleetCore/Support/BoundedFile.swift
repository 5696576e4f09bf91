import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole (small) files with the size checked before a byte is read.
public enum BoundedFile {
    /// The largest file the decoders read: 256 MiB. A day of 1-minute datapoints for a few hundred series
    /// is a few MB; anything near this size is a mistake (a wrong path, a log), not CloudWatch output.
    public static let defaultMaxSize = 256 << 20

    /// The bytes of the regular file at `path`, with its stamp. Refuses files larger than `maxSize`
    /// (checked with `fstat` on the opened file, before reading) and anything that is not a regular file;
    /// `what` names the kind of file in the size error (`the 256 MiB limit for CloudWatch output files`).
    /// THE regular-file check: every reader of a file the user names goes through it.
    public static func read(_ path: String, maxSize: Int = defaultMaxSize,
                            what: String = "CloudWatch output files", allowEmpty: Bool = false) throws(InputError)
        -> (bytes: [UInt8], stamp: FileStamp) {
        let (fd, st) = try openRegular(path, maxSize: maxSize, what: what, allowEmpty: allowEmpty)
        defer { close(fd) }
        let size = Int(st.st_size)
        var readError: Int32 = 0
        // Reads at most size + 1 bytes: a file growing while we read is cut at its stat'ed size + 1 and
        // then refused below, never read without bound.
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buf, count in
            var n = 0
            guard let base = buf.baseAddress else { count = 0; return }
            while n < size + 1 {
                let r = sysRead(fd, base + n, size + 1 - n)
                if r < 0 {
                    if errno == EINTR { continue }
                    readError = errno
                    break
                }
                if r == 0 { break }
                n += r
            }
            count = n
        }
        if readError != 0 { throw InputError(file: path, message: reason(readError)) }
        guard bytes.count <= size else {
            throw InputError(file: path, message: "file grew while being read; try again")
        }
        guard !bytes.isEmpty || allowEmpty else { throw InputError(file: path, message: "empty file") }
        return (bytes, FileStamp(st))
    }

    /// Opens the regular file at `path` for reading, with the checks ``read(_:maxSize:what:allowEmpty:)``
    /// makes before a byte is read, for readers that read a large file in parts (a recording); the caller
    /// closes the descriptor.
    public static func openRegular(_ path: String, maxSize: Int = defaultMaxSize, what: String = "CloudWatch output files",
                                   allowEmpty: Bool = false) throws(InputError) -> (fd: Int32, stat: stat) {
        // O_NONBLOCK: a FIFO or device must not block the open; such files are refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw InputError(file: path, message: reason(errno)) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw InputError(file: path, message: reason(code))
        }
        let size = Int(st.st_size)
        let problem: String? = if (st.st_mode & S_IFMT) != S_IFREG {
            kind(st.st_mode)
        } else if size > maxSize {
            "\(megabytes(size)) is larger than the \(megabytes(maxSize)) limit for \(what); not read"
        } else if size == 0 && !allowEmpty {
            "empty file"
        } else {
            nil
        }
        if let problem {
            close(fd)
            throw InputError(file: path, message: problem)
        }
        return (fd, st)
    }

    static func sysRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buf, n)
        #else
        Darwin.read(fd, buf, n)
        #endif
    }

    /// A short description of an `errno` value, as a file error says it.
    public static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "is a directory"
        case ELOOP: "too many levels of symbolic links (a symlink loop)"
        case ENAMETOOLONG: "file name too long"
        case ENOTDIR: "a part of the path is not a directory"
        default: String(cString: strerror(code))
        }
    }

    /// What a file that is not a regular file is, as an error says it.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "is a directory"
        case S_IFIFO: "is a FIFO (named pipe), not a regular file"
        case S_IFCHR: "is a character device, not a regular file"
        case S_IFBLK: "is a block device, not a regular file"
        case S_IFSOCK: "is a socket, not a regular file"
        default: "is not a regular file"
        }
    }

    static func megabytes(_ n: Int) -> String {
        n >= 1 << 20 && n % (1 << 20) == 0 ? "\(n >> 20) MiB" : "\(n) bytes"
    }
}
