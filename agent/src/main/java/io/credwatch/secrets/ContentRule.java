package io.credwatch.secrets;

import java.util.List;

/** A rule that reads a file's lines whatever its format. */
interface ContentRule {

    List<Finding> find(String file, List<String> lines);
}
