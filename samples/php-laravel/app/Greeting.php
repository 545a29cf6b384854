<?php

declare(strict_types=1);

namespace App;

/**
 * The text the app answers with.
 */
final class Greeting
{
    public function message(string $user): string
    {
        return sprintf('Hello from a multi-stage PHP image, running PHP %s as %s.', PHP_VERSION, $user);
    }
}
