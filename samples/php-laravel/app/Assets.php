<?php

declare(strict_types=1);

namespace App;

/**
 * The built front-end assets, found through the manifest Vite writes to public/build (as Laravel's @vite does).
 */
final class Assets
{
    public function __construct(private readonly string $publicPath)
    {
    }

    /** The URL of an entry point's built file, for example /build/assets/app-4ed993c7.js. */
    public function url(string $entry): ?string
    {
        $manifest = $this->publicPath.'/build/manifest.json';
        if (! is_file($manifest)) {
            return null;
        }

        $chunks = json_decode((string) file_get_contents($manifest), true, flags: JSON_THROW_ON_ERROR);

        return isset($chunks[$entry]['file']) ? '/build/'.$chunks[$entry]['file'] : null;
    }
}
