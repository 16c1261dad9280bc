package io.pryv.migration.transfer.cli;

import io.pryv.migration.common.CommandLineParsing;

/** The --help text: what backup-transfer does, its verbs, its options and examples. */
final class BackupTransferHelp {
  private BackupTransferHelp() {}

  static String text() {
    return CommandLineParsing.help(
        BackupTransferOptionsParser.USAGE,
        String.join(
            "\n",
            "Copies a folder's CONTENTS to another folder, over SSH or locally, like rsync -a but with every file's",
            "SHA-256 checked end to end before it takes its final name. DEST_DIR ends up holding what SRC_DIR holds:",
            "a trailing slash never matters. Re-running resumes: unchanged files (same size and mtime) are skipped;",
            "with --checksum, files whose content matches (cksum's CRC-32, or SHA-256 if chosen) are skipped.",
            "",
            "Commands:",
            "  push SRC_DIR USER@HOST:DEST_DIR    local folder to a folder on an SSH host",
            "  push SRC1 USER@HOST:DEST1 SRC2 USER@HOST:DEST2 ...  several folders in one call, one SSH connection",
            "                                     (push, pull, copy and check all take several SRC DEST pairs)",
            "  pull USER@HOST:SRC_DIR DEST_DIR    folder on an SSH host to a local folder",
            "  copy SRC_DIR DEST_DIR              local to local",
            "  manifest DIR                       SHA-256 manifest: sha256, size, mode, mtime, path",
            "  check SRC DEST                     compare by content without copying (one side may be USER@HOST:DIR);",
            "                                     exit 1 when anything is missing, extra or different",
            "A remote DIR without a leading / is relative to the login's home (like rsync); ~/DIR says the same.",
            "The far side needs only sh, GNU find, tar, sha256sum, cksum, xargs and cp (no Java). Host keys are checked",
            "against known_hosts. Ownership is kept when the receiving side runs as root; links are followed by default."),
        BackupTransferOptionsParser.options(),
        String.join(
            "\n",
            "Examples:",
            "  backup-transfer push /var/pryv/pryv/mongodb/backup root@10.0.0.7:/var/pryv/pryv/mongodb/backup -i ~/.ssh/id_rsa",
            "  backup-transfer push --delete --dry-run /var/pryv/pryv/core/data root@10.0.0.7:/var/pryv/pryv/core/data",
            "  backup-transfer push --checksum /var/pryv/pryv/core/data root@10.0.0.7:/var/pryv/pryv/core/data",
            "  backup-transfer check /var/pryv/pryv/core/data root@10.0.0.7:/var/pryv/pryv/core/data",
            "  backup-transfer manifest --sha256sum -o /tmp/data.sha256 /var/pryv/pryv/core/data",
            "",
            "Exit codes: 0 done/identical, 1 check found differences, or a transfer skipped entries it could not copy",
            "(dangling links, special files: named on stderr), 2 usage (also copy onto or into itself), 3 bad input",
            "(missing source, dest is a file, unsafe path from the far side), 4 environment (SSH, auth, host key, disk",
            "full, not writable, unreadable file), 5 bug."));
  }
}
